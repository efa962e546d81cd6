package dev.platformkit.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class HelmReleasesTest {
  // data.release of the Secret recorded in ../shared/reference/apiserver-v1.28/14-secret-helm-release (copied: 300 bytes)
  private static final String RECORDED = "SDRzSUFBQUFBQUFDQTFXTk1RckRNQXhGcjFJMG0wQkNwNnlkZWd3aEs0M0Jsb3l0RkVydzNXdTNTN3NKL2ZmZlAwRXdNYXhRZDgzZ0lNaW1zSjVRRGUyby9lODVSMzJ4NzVublNpVmtDeW85dUV0bllyeVFwaHpaR0pvRDJySFlxQ2MyOUdnNDd2K0JKNWY2RmN6VGRWcWdqWnJLRmg2RExYMHRFTjcwa081WjJnOC91NCtwWnFTaEswelEzalBqMUxDK0FBQUE=";

  @Test
  void theRecordedReleaseDecodesThroughBothBase64LayersAndGzip() {
    HelmReleases.Release r = HelmReleases.decodeSecretData(RECORDED);

    assertThat(r).isEqualTo(new HelmReleases.Release("shop", "rec", 1, "deployed", "", java.util.List.of()));
  }

  @Test
  void aReleaseHelmDidNotCompressIsReadToo() {
    String json = "{\"name\":\"a\",\"namespace\":\"n\",\"version\":7,\"info\":{\"status\":\"superseded\"},\"manifest\":\"---\\nkind: X\\n\","
        + "\"hooks\":[{\"path\":\"templates/t.yaml\",\"manifest\":\"kind: Job\"}],\"chart\":{\"templates\":[{\"name\":\"x\",\"data\":\"eA==\"}]}}";
    String data = b64(b64(json));

    HelmReleases.Release r = HelmReleases.decodeSecretData(data);

    assertThat(r.status()).isEqualTo("superseded");
    assertThat(r.version()).isEqualTo(7);
    assertThat(r.manifest()).isEqualTo("---\nkind: X\n");
    assertThat(r.hooks()).containsExactly(new HelmReleases.Hook("templates/t.yaml", "kind: Job"));
  }

  @Test
  void eachLayerThatDoesNotDecodeIsNamed() {
    assertThatThrownBy(() -> HelmReleases.decodeSecretData("!!!")).hasMessageStartingWith("data.release is not base64");
    assertThatThrownBy(() -> HelmReleases.decodeSecretData(b64("!!!"))).hasMessageStartingWith("data.release does not hold Helm's base64");
    assertThatThrownBy(() -> HelmReleases.decodeSecretData(b64(b64("[1]")))).hasMessage("the release is not gzip-compressed JSON: expected a JSON object");
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
