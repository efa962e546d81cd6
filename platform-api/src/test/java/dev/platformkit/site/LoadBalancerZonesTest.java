package dev.platformkit.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoadBalancerZonesTest {

  // rows of the ALB/CLB column of "Elastic Load Balancing endpoints and quotas" (AWS General Reference)
  @Test
  void theTableHoldsThePublishedCanonicalHostedZoneIds() {
    assertThat(LoadBalancerZones.of("us-east-1")).contains("Z35SXDOTRQ7X7K");
    assertThat(LoadBalancerZones.of("us-east-2")).contains("Z3AADJGX6KTTL2");
    assertThat(LoadBalancerZones.of("us-west-2")).contains("Z1H1FL5HABSF5");
    assertThat(LoadBalancerZones.of("eu-west-1")).contains("Z32O12XQLNTSW2");
    assertThat(LoadBalancerZones.of("eu-central-1")).contains("Z215JYRZR1TBD5");
    assertThat(LoadBalancerZones.of("eu-north-1")).contains("Z23TAZ6LKFMNIO");
    assertThat(LoadBalancerZones.of("ap-northeast-2")).contains("ZWKZPGTI48KDX");
    assertThat(LoadBalancerZones.of("ap-southeast-1")).contains("Z1LMS91P8CMLE5");
    assertThat(LoadBalancerZones.of("sa-east-1")).contains("Z2P70J7HTTTPLU");
    assertThat(LoadBalancerZones.of("cn-north-1")).contains("Z1GDH35T77C1KE");
    assertThat(LoadBalancerZones.of("us-gov-west-1")).contains("Z33AYJ8TM3BH4J");
    // Network Load Balancer ids (another column) are not what an ALB alias needs
    assertThat(LoadBalancerZones.all()).doesNotContainValue("Z26RNL4JYFTOTI");
    assertThat(LoadBalancerZones.all().values()).allMatch(id -> id.matches("Z[A-Z0-9]{1,31}")).doesNotHaveDuplicates();
    assertThat(LoadBalancerZones.of("xx-nowhere-1")).isEmpty();
  }

  @Test
  void theRegionComesFromTheLoadBalancerHostname() {
    assertThat(LoadBalancerZones.region("k8s-shop-1a2b3c4d5e-1234567890.eu-west-1.elb.amazonaws.com")).isEqualTo("eu-west-1");
    assertThat(LoadBalancerZones.region("internal-k8s-shop-1a2b3c4d5e-1234567890.ap-northeast-2.elb.amazonaws.com"))
        .isEqualTo("ap-northeast-2");
    assertThat(LoadBalancerZones.region("K8S-SHOP-1.US-GOV-WEST-1.ELB.AMAZONAWS.COM.")).isEqualTo("us-gov-west-1");
    assertThat(LoadBalancerZones.region("k8s-shop-1.cn-north-1.elb.amazonaws.com.cn")).isEqualTo("cn-north-1");
    assertThat(LoadBalancerZones.forHostname("k8s-shop-1a2b3c4d5e-1234567890.us-east-1.elb.amazonaws.com")).isEqualTo("Z35SXDOTRQ7X7K");
  }

  @Test
  void aHostnameThatIsNotAnAlbsOrARegionTheTableLacksIsAnErrorNamingIt() {
    assertThatThrownBy(() -> LoadBalancerZones.region("shop.example.com"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"shop.example.com\"");
    // a Network Load Balancer's name has the region after "elb."
    assertThatThrownBy(() -> LoadBalancerZones.region("nlb-1.elb.us-east-1.amazonaws.com")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LoadBalancerZones.forHostname("k8s-shop-1.xx-nowhere-9.elb.amazonaws.com"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xx-nowhere-9").hasMessageContaining("us-east-1");
  }
}
