using System.Text.Json.Nodes;
using static G7Flows.Workflows.Platform.OpenApi.ApiSchemas;

namespace G7Flows.Workflows.Platform.OpenApi;

/// <summary>
/// The description of a workflow's audit route (<c>GET /api/{workflow}/{id}/audit</c>), the same for every module that
/// serves one: the operation, and the schemas of the trail and its verification (a module adds them to its contract's
/// schemas; the same names from two modules are the same schemas).
/// </summary>
public static class AuditContract
{
    private const string Hash = "^[0-9a-f]{64}$";

    /// <summary>The audit operation of a module.</summary>
    /// <param name="tag">The module's tag.</param>
    /// <param name="workflow">What the id names, in words: <c>consultation</c>, <c>disclosure</c>.</param>
    /// <param name="id">The module's <c>{id}</c> path parameter.</param>
    /// <param name="notFound">The module's 404 for an unknown id.</param>
    public static OperationContract Operation(string tag, string workflow, ParameterContract id, ResponseContract notFound) => new(
        tag,
        $"Read a {workflow}'s audit trail and verify it",
        $"Staff and admins only. Every entry of the {workflow}'s hash-chained audit trail, in the order it was appended, " +
            "and the verification of the chain: each entry's SHA-256 recomputed, each link and sequence number checked, the head " +
            "compared with the last entry. A broken chain is still a 200: `verification.valid` is false and `verification.problem` " +
            "names the first edited, deleted, reordered or inserted entry.",
        [
            new(200, "The trail and its verification.") { Schema = "AuditTrail" },
            ResponseContract.Problem(401, "No valid bearer token."),
            ResponseContract.Problem(403, "Only staff and admins may read an audit trail."),
            notFound,
            ResponseContract.Problem(503, "Storage is not answering; nothing was changed. Try again shortly."),
        ])
    {
        Parameters = [id],
    };

    /// <summary>The schemas the operation's answer uses.</summary>
    public static IReadOnlyDictionary<string, JsonObject> Schemas { get; } = new Dictionary<string, JsonObject>
    {
        ["AuditEntry"] = Object(
            "An entry of an audit trail with its link in the hash chain.",
            [
                ("sequence", Nullable(Integer("Its place in the chain, from 1; null for a row not appended through the chain.", 1))),
                ("at", DateTime("When.")),
                ("actor", String("Who.")),
                ("action", String("What, such as consultation-started or response-submitted.")),
                ("nation", Nullable(String("The nation concerned."))),
                ("detail", Nullable(String("Details."))),
                ("source", String("Where from: the caller's address, or workflow.")),
                ("previousHash", Nullable(String("A SHA-256, 64 lower-case hexadecimal digits.", pattern: Hash))),
                ("hash", Nullable(String("A SHA-256, 64 lower-case hexadecimal digits.", pattern: Hash))),
                ("rowKey", String("The entry's row key in the audit table.")),
            ],
            "sequence",
            "at",
            "actor",
            "action",
            "nation",
            "detail",
            "source",
            "previousHash",
            "hash",
            "rowKey"),
        ["AuditProblem"] = Object(
            "The first problem found in an audit chain.",
            [
                ("kind", Enum("What is wrong.", ["edited", "deleted", "reordered", "inserted", "head-mismatch"])),
                ("sequence", Nullable(Integer("The place in the chain where it was found.", 0))),
                ("rowKey", Nullable(String("The row concerned."))),
                ("detail", String("What was found, in a sentence.")),
            ],
            "kind",
            "sequence",
            "rowKey",
            "detail"),
        ["AuditVerification"] = Object(
            "The result of verifying an audit chain.",
            [
                ("valid", Boolean("True when every hash, link and sequence holds and the head matches the last entry.")),
                ("head", Nullable(String("A SHA-256, 64 lower-case hexadecimal digits.", pattern: Hash))),
                ("entries", Integer("How many entries the trail holds.", 0)),
                ("problem", Nullable(Ref("AuditProblem"))),
            ],
            "valid",
            "head",
            "entries",
            "problem"),
        ["AuditTrail"] = Object(
            "A workflow's audit trail in chain order and its verification.",
            [
                ("workflowId", String("The workflow's id.")),
                ("verification", Ref("AuditVerification")),
                ("entries", Array("The entries, in the order they were appended.", Ref("AuditEntry"))),
            ],
            "workflowId",
            "verification",
            "entries"),    };
}
