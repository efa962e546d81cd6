package dev.platformkit.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControllerImagesTest {
  @Test
  void knownRepositoriesAreRecognisedWhateverTheRegistryAndTheVersionIsTheTag() {
    assertThat(ControllerImages.match("602401143452.dkr.ecr.eu-west-1.amazonaws.com/amazon/aws-load-balancer-controller:v2.4.7"))
        .contains(new ControllerImages.Match("aws-load-balancer-controller", "v2.4.7"));
    assertThat(ControllerImages.match("public.ecr.aws/eks/aws-load-balancer-controller:v2.7.1"))
        .contains(new ControllerImages.Match("aws-load-balancer-controller", "v2.7.1"));
    assertThat(ControllerImages.match("quay.io/argoproj/argocd:v2.8.4")).contains(new ControllerImages.Match("argo-cd", "v2.8.4"));
    assertThat(ControllerImages.match("localhost:5000/mirror/amazon-k8s-cni:v1.12.6-eksbuild.2"))
        .contains(new ControllerImages.Match("vpc-cni", "v1.12.6-eksbuild.2"));
    assertThat(ControllerImages.match("registry.k8s.io/coredns/coredns:v1.11.1")).contains(new ControllerImages.Match("coredns", "v1.11.1"));
    assertThat(ControllerImages.match("x.dkr.ecr.us-east-1.amazonaws.com/eks/kube-proxy:v1.28.2-minimal-eksbuild.2"))
        .contains(new ControllerImages.Match("kube-proxy", "v1.28.2-minimal-eksbuild.2"));
    assertThat(ControllerImages.match("public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.25.0@sha256:abc"))
        .contains(new ControllerImages.Match("aws-ebs-csi-driver", "v1.25.0"));
  }

  @Test
  void aTagThatIsNoVersionIsRecognisedWithoutVersionAndOtherImagesAreNot() {
    assertThat(ControllerImages.match("quay.io/argoproj/argocd:latest")).contains(new ControllerImages.Match("argo-cd", null));
    assertThat(ControllerImages.match("quay.io/argoproj/argocd@sha256:abc")).contains(new ControllerImages.Match("argo-cd", null));
    assertThat(ControllerImages.match("x/amazon-k8s-cni-init:v1.12.6")).isEmpty();
    assertThat(ControllerImages.match("nginx:1.25")).isEmpty();
    assertThat(ControllerImages.match(" ")).isEmpty();
    assertThat(ControllerImages.match(null)).isEmpty();
  }
}
