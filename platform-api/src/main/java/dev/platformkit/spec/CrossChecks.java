package dev.platformkit.spec;

import dev.platformkit.Violation;
import dev.platformkit.tenant.IamAccess;
import dev.platformkit.tenant.Tenant;
import dev.platformkit.tenant.TenantConflict;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The rules between documents that planning would enforce without a backend, checked when the
 * documents are read together and reported at the later document with the location of the earlier
 * one. Duplicate names of one kind are found as documents are read ({@link SpecReader}); the rest
 * comes from {@link TenantConflict}, so that the reader and the planner share one set of rules.
 */
final class CrossChecks {
  private static final Kinds.Kind TENANT = Kinds.named("Tenant");

  private CrossChecks() {}

  /**
   * The conflicts among the tenant documents {@code reads}, in document order, each at the exact node
   * of the later document and naming where the earlier one is. IAM roles are checked for every
   * {@link IamAccess} mode, since the mode is not known when reading (see {@link TenantConflict#find}).
   */
  static List<Violation> tenants(List<DocumentReader.Read> reads) {
    List<Tenant> tenants = new ArrayList<>();
    for (DocumentReader.Read read : reads) {
      tenants.add((Tenant) read.document().value());
    }
    List<Violation> out = new ArrayList<>();
    for (TenantConflict c : TenantConflict.find(tenants, EnumSet.allOf(IamAccess.class))) {
      DocumentReader.Read here = reads.get(c.tenant());
      DocumentReader.Read other = reads.get(c.other());
      String path = DocumentReader.documentPath(TENANT, c.path());
      int[] at = DocumentReader.locate(here.root(), path);
      int[] otherAt = DocumentReader.locate(other.root(), DocumentReader.documentPath(TENANT, c.otherPath()));
      String otherLocation = other.document().file() + ":" + otherAt[0] + ":" + otherAt[1];
      out.add(Violation.of(path, c.message(otherLocation)).at(here.document().file(), at[0], at[1]));
    }
    return out;
  }
}
