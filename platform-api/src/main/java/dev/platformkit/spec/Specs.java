package dev.platformkit.spec;

import dev.platformkit.schedule.Schedule;
import dev.platformkit.site.Site;
import dev.platformkit.tenant.Tenant;
import dev.platformkit.upgrade.UpgradePlan;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** The documents read by one {@link SpecReader} call, in file order and, within a file, document order. */
public final class Specs implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<SpecDocument<?>> documents;

  Specs(List<SpecDocument<?>> documents) {
    this.documents = List.copyOf(documents);
  }

  /** Every document. */
  public List<SpecDocument<?>> all() {
    return documents;
  }

  /** The documents whose value is a {@code type}. */
  @SuppressWarnings("unchecked") // checked by isInstance
  public <T> List<SpecDocument<T>> documents(Class<T> type) {
    List<SpecDocument<T>> matching = new ArrayList<>();
    for (SpecDocument<?> document : documents) {
      if (type.isInstance(document.value())) {
        matching.add((SpecDocument<T>) document);
      }
    }
    return List.copyOf(matching);
  }

  /** The values that are a {@code type}. */
  public <T> List<T> values(Class<T> type) {
    return documents(type).stream().map(SpecDocument::value).toList();
  }

  /** The tenants. */
  public List<Tenant> tenants() {
    return values(Tenant.class);
  }

  /** The schedules. */
  public List<Schedule> schedules() {
    return values(Schedule.class);
  }

  /** The sites. */
  public List<Site> sites() {
    return values(Site.class);
  }

  /** The upgrade plans. */
  public List<UpgradePlan> upgradePlans() {
    return values(UpgradePlan.class);
  }

  /** The number of documents. */
  public int size() {
    return documents.size();
  }

  /** Whether nothing was read (an empty file or a directory without spec files). */
  public boolean isEmpty() {
    return documents.isEmpty();
  }

  /** The kinds and names, such as {@code Specs[Tenant/payments, Site/shop]}. */
  @Override
  public String toString() {
    return "Specs" + documents.stream().map(d -> d.kind() + "/" + d.name()).toList();
  }
}
