package dev.platformkit.k8s.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MapRolesTest {

  static final String NODES = "arn:aws:iam::111122223333:role/eksctl-prod-nodegroup-ng-1-NodeInstanceRole-1ABCDEF";
  static final String ADMIN = "arn:aws:iam::111122223333:role/Admin";
  static final String OURS = "arn:aws:iam::111122223333:role/payments-admins";
  static final String NEW = "arn:aws:iam::111122223333:role/billing-devs";

  /** As eksctl writes it: keys sorted, sequences not indented. */
  static final String EKSCTL = """
      - groups:
        - system:bootstrappers
        - system:nodes
        rolearn: arn:aws:iam::111122223333:role/eksctl-prod-nodegroup-ng-1-NodeInstanceRole-1ABCDEF
        username: system:node:{{EC2PrivateDNSName}}
      - groups:
        - system:masters
        rolearn: arn:aws:iam::111122223333:role/Admin
        username: admin:{{SessionName}}
      """;

  /** Hand-written: comments everywhere, indented items, flow and quoted values, an entry we own in the middle. */
  static final String HAND_WRITTEN = """
      # Managed by the platform team.
      # Node roles first!

        - rolearn: arn:aws:iam::111122223333:role/eksctl-prod-nodegroup-ng-1-NodeInstanceRole-1ABCDEF   # workers
          username: "system:node:{{EC2PrivateDNSName}}"
          groups: [system:bootstrappers, system:nodes]

        - rolearn: arn:aws:iam::111122223333:role/payments-admins
          username: platformkit:payments:{{SessionName}}
          groups:
            - platformkit:payments:admin
        # break-glass access, INC-1234 (keep this comment with the entry below)
        - rolearn: 'arn:aws:iam::111122223333:role/Admin'
          username: >-
            break-glass
          groups:
          - system:masters
          # reviewed 2024-05
      """;

  private static final YAMLMapper YAML = new YAMLMapper();

  @Test
  void findsTheEntriesOfAnEksctlConfigMap() {
    MapRoles m = MapRoles.parse(EKSCTL);

    assertThat(m.entries()).extracting(MapRoles.Entry::roleArn).containsExactly(NODES, ADMIN);
    assertThat(m.entries().get(0).value().get("username").asText()).isEqualTo("system:node:{{EC2PrivateDNSName}}");
    assertThat(m.text()).isEqualTo(EKSCTL);
  }

  @Test
  void findsTheEntriesOfAHandWrittenConfigMap() {
    MapRoles m = MapRoles.parse(HAND_WRITTEN);

    assertThat(m.entries()).extracting(MapRoles.Entry::roleArn).containsExactly(NODES, OURS, ADMIN);
    assertThat(m.entries().get(0).value().get("groups")).hasSize(2);
    assertThat(m.entries().get(2).value().get("username").asText()).isEqualTo("break-glass");
    assertThat(m.text()).isEqualTo(HAND_WRITTEN);
  }

  @Test
  void appendingKeepsEveryByteBeforeIt() {
    String out = MapRoles.parse(EKSCTL).put(NEW, "platformkit:billing:{{SessionName}}", List.of("platformkit:billing:edit")).text();

    assertThat(out).isEqualTo(EKSCTL + """
        - rolearn: arn:aws:iam::111122223333:role/billing-devs
          username: platformkit:billing:{{SessionName}}
          groups:
            - platformkit:billing:edit
        """);
    assertThat(values(out)).hasSize(3);
  }

  @Test
  void appendingUsesTheIndentationOfTheList() {
    String out = MapRoles.parse(HAND_WRITTEN).put(NEW, "u", List.of("g")).text();

    assertThat(out).startsWith(HAND_WRITTEN).endsWith("""
          # reviewed 2024-05
          - rolearn: arn:aws:iam::111122223333:role/billing-devs
            username: u
            groups:
              - g
        """);
    assertThat(values(out)).hasSize(4);
  }

  @Test
  void replacingAnEntryChangesOnlyItsOwnLines() {
    String before = HAND_WRITTEN.substring(0, HAND_WRITTEN.indexOf("  - rolearn: arn:aws:iam::111122223333:role/payments-admins"));
    String after = HAND_WRITTEN.substring(HAND_WRITTEN.indexOf("  # break-glass"));

    String out = MapRoles.parse(HAND_WRITTEN).put(OURS, "platformkit:payments:{{SessionName}}",
        List.of("platformkit:payments:view")).text();

    assertThat(out).isEqualTo(before + """
          - rolearn: arn:aws:iam::111122223333:role/payments-admins
            username: platformkit:payments:{{SessionName}}
            groups:
              - platformkit:payments:view
        """ + after);
  }

  @Test
  void removingAnEntryKeepsTheCommentsAroundIt() {
    String entry = """
          - rolearn: arn:aws:iam::111122223333:role/payments-admins
            username: platformkit:payments:{{SessionName}}
            groups:
              - platformkit:payments:admin
        """;

    String out = MapRoles.parse(HAND_WRITTEN).remove(OURS).text();

    assertThat(out).isEqualTo(HAND_WRITTEN.replace(entry, ""));
    assertThat(MapRoles.parse(out).entries()).extracting(MapRoles.Entry::roleArn).containsExactly(NODES, ADMIN);
  }

  @Test
  void removingTheLastEntryKeepsTheTrailingComments() {
    String text = "- rolearn: " + OURS + "\n  groups: []\n# end of list\n";

    assertThat(MapRoles.parse(text).remove(OURS).text()).isEqualTo("# end of list\n");
  }

  @Test
  void windowsLineEndingsAreKeptAndUsedForNewEntries() {
    String crlf = HAND_WRITTEN.replace("\n", "\r\n");

    String out = MapRoles.parse(crlf).put(NEW, "u", List.of("g")).remove(OURS).text();

    String ours = crlf.substring(crlf.indexOf("  - rolearn: arn:aws:iam::111122223333:role/payments-admins"),
        crlf.indexOf("  # break-glass"));
    assertThat(out).isEqualTo(crlf.replace(ours, "")
        + "  - rolearn: " + NEW + "\r\n    username: u\r\n    groups:\r\n      - g\r\n");
  }

  @Test
  void aMissingFinalLineBreakIsAddedBeforeAppending() {
    String text = "- rolearn: " + ADMIN + "\n  groups: [system:masters]";

    String out = MapRoles.parse(text).put(NEW, null, List.of()).text();

    assertThat(out).isEqualTo(text + "\n- rolearn: " + NEW + "\n  groups: []\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\n", "# nothing here yet\n", "[]\n", "[]"})
  void anEmptyListGetsItsFirstEntry(String text) {
    String out = MapRoles.parse(text).put(NEW, "u", List.of("g")).text();

    String comments = text.startsWith("#") ? text : text.equals("\n") ? "\n" : "";
    assertThat(out).isEqualTo(comments + "- rolearn: " + NEW + "\n  username: u\n  groups:\n    - g\n");
    assertThat(MapRoles.parse(null).entries()).isEmpty();
  }

  @Test
  void duplicateEntriesOfARoleCollapseIntoOne() {
    String text = "- rolearn: " + OURS + "\n  groups: [a]\n- rolearn: " + ADMIN + "\n  groups: [b]\n- rolearn: " + OURS + "\n  groups: [c]\n";

    String out = MapRoles.parse(text).put(OURS, null, List.of("d")).text();

    assertThat(out).isEqualTo("- rolearn: " + OURS + "\n  groups:\n    - d\n- rolearn: " + ADMIN + "\n  groups: [b]\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "No", "on", "true", "null", "a b", "x:", "#x", "- x", "*alias", "100", "it's \"quoted\"", "ünïcode"})
  void valuesYamlWouldMisreadAreQuoted(String value) throws Exception {
    String rendered = MapRoles.render(0, "\n", NEW, value, List.of(value));

    JsonNode entry = YAML.readTree(rendered).get(0);
    assertThat(entry.get("username").isTextual()).as(rendered).isTrue();
    assertThat(entry.get("username").asText()).isEqualTo(value);
    assertThat(entry.get("groups").get(0).asText()).isEqualTo(value);
  }

  @Test
  void usualValuesStayPlain() {
    assertThat(MapRoles.render(2, "\n", NEW, "platformkit:billing:{{SessionName}}", List.of("system:masters")))
        .isEqualTo("  - rolearn: " + NEW + "\n    username: platformkit:billing:{{SessionName}}\n"
            + "    groups:\n      - system:masters\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "rolearn: x\n",                                    // a mapping, not a list
      "[{rolearn: a, groups: [b]}]\n",                  // a non-empty flow list
      "- rolearn: a\n---\n- rolearn: b\n",              // two documents
      "- &n\n  rolearn: a\n  groups: [x]\n- <<: *n\n  rolearn: b\n", // an alias across items
      "- rolearn: a\n  groups: [x\n",                    // broken YAML
      "- rolearn: a\n\tgroups: [x]\n",                   // tab indentation
      "- rolearn: a\nmapUsers: x\n",                     // something after the list
  })
  void layoutsItCannotEditSafelyAreRefused(String text) {
    assertThatThrownBy(() -> MapRoles.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyEditOfTheFixturesKeepsTheOtherEntriesByteForByte() {
    for (String fixture : List.of(EKSCTL, HAND_WRITTEN, HAND_WRITTEN.replace("\n", "\r\n"))) {
      MapRoles m = MapRoles.parse(fixture);
      for (MapRoles.Entry target : m.entries()) {
        for (MapRoles edited : List.of(m.remove(target.roleArn()), m.put(target.roleArn(), "u", List.of("g")))) {
          List<String> others = m.entries().stream().filter(e -> e != target).map(MapRoles.Entry::text).toList();
          List<String> kept = edited.entries().stream().filter(e -> !target.roleArn().equals(e.roleArn()))
              .map(MapRoles.Entry::text).toList();
          assertThat(kept).isEqualTo(others);
          int from = 0;
          for (String text : others) {
            int at = edited.text().indexOf(text, from);
            assertThat(at).as("%s kept in place", text).isGreaterThanOrEqualTo(from);
            from = at + text.length();
          }
        }
      }
    }
  }

  private static List<JsonNode> values(String text) {
    return MapRoles.parse(text).entries().stream().map(MapRoles.Entry::value).toList();
  }
}
