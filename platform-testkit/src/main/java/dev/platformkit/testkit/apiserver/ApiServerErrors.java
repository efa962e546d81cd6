package dev.platformkit.testkit.apiserver;

import dev.platformkit.testkit.apiserver.ApiStatus.Cause;
import dev.platformkit.testkit.apiserver.ApiStatus.Details;
import java.util.List;

/**
 * The error answers of a real kube-apiserver v1.28, exactly as recorded (cases 13, 14, 18, 24, 25, 29 of
 * {@code ../shared/reference/apiserver-v1.28}). Each method returns the {@link ApiStatus} the server sends;
 * {@code .toException()} makes it throwable.
 */
public final class ApiServerErrors {
  private static final String OPTIMISTIC_LOCK =
      "the object has been modified; please apply your changes to the latest version and try again";

  private ApiServerErrors() {}

  private static String nullIfEmpty(String group) {
    return group == null || group.isEmpty() ? null : group;
  }

  /**
   * 409 Conflict for a write (PUT, merge patch, JSON patch) whose {@code metadata.resourceVersion} is not
   * the stored one: {@code Operation cannot be fulfilled on configmaps "cas-demo": the object has been
   * modified; please apply your changes to the latest version and try again} (case 18).
   */
  public static ApiStatus conflict(KubeKind kind, String name) {
    return new ApiStatus(409, "Conflict", "Operation cannot be fulfilled on " + kind.qualifiedResource()
        + " \"" + name + "\": " + OPTIMISTIC_LOCK,
        new Details(name, nullIfEmpty(kind.group()), kind.plural(), null, null));
  }

  /** 409 AlreadyExists for a create of an existing object: {@code configmaps "dup-demo" already exists} (case 29). */
  public static ApiStatus alreadyExists(KubeKind kind, String name) {
    return new ApiStatus(409, "AlreadyExists", kind.qualifiedResource() + " \"" + name + "\" already exists",
        new Details(name, nullIfEmpty(kind.group()), kind.plural(), null, null));
  }

  /** 404 NotFound for a missing object: {@code configmaps "x" not found} (cases 24, 29). */
  public static ApiStatus notFound(KubeKind kind, String name) {
    return new ApiStatus(404, "NotFound", kind.qualifiedResource() + " \"" + name + "\" not found",
        new Details(name, nullIfEmpty(kind.group()), kind.plural(), null, null));
  }

  /**
   * 404 for a create in a namespace that does not exist: the NotFound names the namespace,
   * {@code namespaces "no-such-ns" not found} (case 29).
   */
  public static ApiStatus namespaceNotFound(String namespace) {
    return new ApiStatus(404, "NotFound", "namespaces \"" + namespace + "\" not found",
        new Details(namespace, null, "namespaces", null, null));
  }

  /**
   * 403 Forbidden for a create in a namespace being deleted, with cause {@code NamespaceTerminating} on
   * {@code metadata.namespace} (case 25). Updates of existing objects there still succeed.
   */
  public static ApiStatus namespaceTerminating(KubeKind kind, String name, String namespace) {
    return new ApiStatus(403, "Forbidden", kind.qualifiedResource() + " \"" + name
        + "\" is forbidden: unable to create new content in namespace " + namespace
        + " because it is being terminated",
        new Details(name, nullIfEmpty(kind.group()), kind.plural(), null, List.of(new Cause("NamespaceTerminating",
            "namespace " + namespace + " is being terminated", "metadata.namespace"))));
  }

  /**
   * 409 Conflict for a DELETE whose {@code preconditions.resourceVersion} is stale. Unlike the update
   * conflict it names the Kind ({@code ConfigMap "delete-demo"}) and both versions (case 24).
   */
  public static ApiStatus deletePreconditionResourceVersion(KubeKind kind, String name, String expected,
      String actual) {
    return deleteConflict(kind, name, "the ResourceVersion in the precondition (" + expected
        + ") does not match the ResourceVersion in record (" + actual + "). The object might have been modified");
  }

  /** 409 Conflict for a DELETE whose {@code preconditions.uid} is not the object's (case 24). */
  public static ApiStatus deletePreconditionUid(KubeKind kind, String name, String expected, String actual) {
    return deleteConflict(kind, name, "the UID in the precondition (" + expected
        + ") does not match the UID in record (" + actual + "). The object might have been deleted and then recreated");
  }

  private static ApiStatus deleteConflict(KubeKind kind, String name, String why) {
    return new ApiStatus(409, "Conflict", "Operation cannot be fulfilled on " + kind.qualifiedKind() + " \""
        + name + "\": " + why, new Details(name, nullIfEmpty(kind.group()), kind.kind(), null, null));
  }

  /**
   * 422 Invalid for a change of {@code roleRef} on a RoleBinding or ClusterRoleBinding (PUT or patch,
   * case 29); the message prints the new roleRef as the Go struct.
   */
  public static ApiStatus roleRefChanged(KubeKind kind, String name, String apiGroup, String roleKind,
      String roleName) {
    String value = "Invalid value: rbac.RoleRef{APIGroup:\"" + apiGroup + "\", Kind:\"" + roleKind
        + "\", Name:\"" + roleName + "\"}: cannot change roleRef";
    return invalid(kind, name, List.of(new Cause("FieldValueInvalid", value, "roleRef")));
  }

  /**
   * 422 Invalid with the given causes; the message is {@code Kind.group "name" is invalid: field: message}
   * for one cause and {@code [field: message, ...]} for several, as the server joins them.
   */
  public static ApiStatus invalid(KubeKind kind, String name, List<Cause> causes) {
    StringBuilder joined = new StringBuilder();
    for (Cause c : causes) {
      if (joined.length() > 0) {
        joined.append(", ");
      }
      joined.append(c.field()).append(": ").append(c.message());
    }
    String text = causes.size() == 1 ? joined.toString() : "[" + joined + "]";
    return new ApiStatus(422, "Invalid", kind.qualifiedKind() + " \"" + name + "\" is invalid: " + text,
        new Details(name, nullIfEmpty(kind.group()), kind.kind(), null, causes));
  }

  /**
   * 400 BadRequest for a body that does not decode, e.g. a JSON number as a ConfigMap value (case 13):
   * {@code ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into
   * Go struct field ConfigMap.data of type string}. No details.
   *
   * @param decodeError the decoder's message, e.g. {@code illegal base64 data at input byte 6}
   */
  public static ApiStatus cannotDecode(KubeKind kind, String decodeError) {
    return new ApiStatus(400, "BadRequest", kind.kind() + " in version \"" + kind.version()
        + "\" cannot be handled as a " + kind.kind() + ": " + decodeError, null);
  }

  /** The decode error of a JSON value of the wrong type into a Go string field ({@code number}, {@code bool}, ...). */
  public static String unmarshalTypeError(Object jsonValue, String goField) {
    String type = jsonValue instanceof Number ? "number" : jsonValue instanceof Boolean ? "bool"
        : jsonValue instanceof List ? "array" : "object";
    return "json: cannot unmarshal " + type + " into Go struct field " + goField + " of type string";
  }

  /** 400 BadRequest when {@code metadata.namespace} differs from the namespace of the URL (case 29). */
  public static ApiStatus namespaceMismatch() {
    return new ApiStatus(400, "BadRequest",
        "the namespace of the provided object does not match the namespace sent on the request", null);
  }

  /**
   * The 200 {@code Status} a successful DELETE answers when the object is gone at once (no finalizers,
   * background propagation): {@code status: Success}, {@code details {name, group, kind: plural, uid}} (case 24).
   */
  public static ApiStatus deleted(KubeKind kind, String name, String uid) {
    return new ApiStatus(200, null, null, new Details(name, nullIfEmpty(kind.group()), kind.plural(), uid, null));
  }
}
