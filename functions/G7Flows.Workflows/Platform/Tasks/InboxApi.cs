using Azure.Data.Tables;
using G7Flows.Workflows.Platform.Http;
using G7Flows.Workflows.Platform.Publishing;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Platform.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using static G7Flows.Workflows.Platform.Http.HandlerSupport;

namespace G7Flows.Workflows.Platform.Tasks;

/// <summary>
/// <c>GET /api/tasks</c>: one inbox with every open review task of the caller, whatever the workflow, soonest due
/// first, each with its due time and the route to act on it. It reads one partition of the shared review-task table
/// per assignee group the caller belongs to (<see cref="InboxGroups"/>).
/// </summary>
public sealed class InboxApi(StorageClients storage, ILogger<InboxApi> logger)
{
    /// <summary>The inbox route below <c>/api</c>.</summary>
    public const string Route = "tasks";

    private readonly TableClient tasks = storage.Table(StorageNames.ReviewTasksTable);

    /// <summary><c>GET /api/tasks</c></summary>
    public Task<IResult> ListTasksAsync(HttpRequest request) => GuardAsync(logger, async ct =>
    {
        Caller? caller = Caller.FromPrincipal(request.HttpContext.User);
        if (Refused(Authorizer.Decide(caller, ApiAction.ListTasks)) is { } refused)
        {
            return refused;
        }

        var rows = new List<ReviewTaskEntity>();
        foreach (string group in InboxGroups.Of(caller!))
        {
            rows.AddRange(await this.ListAsync(group, ct));
        }

        rows.Sort((a, b) => a.Due.CompareTo(b.Due));
        return TypedResults.Json(new { nation = caller!.Nation, items = rows.Select(Item) }, Json.Options);
    });

    /// <summary>The open tasks of one assignee group.</summary>
    public async Task<IReadOnlyList<ReviewTaskEntity>> ListAsync(string group, CancellationToken cancellationToken = default)
    {
        var list = new List<ReviewTaskEntity>();
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {group}");
        await foreach (ReviewTaskEntity task in this.tasks.QueryAsync<ReviewTaskEntity>(filter, cancellationToken: cancellationToken))
        {
            list.Add(task);
        }

        return list;
    }

    /// <summary>A task as the inbox shows it; consultation tasks keep the fields they always had.</summary>
    private static Dictionary<string, object?> Item(ReviewTaskEntity t)
    {
        if (t.Workflow is null)
        {
            string respond = $"/{ApiRoute.Prefix}/consultations/{t.ConsultationId}/responses/{t.PartitionKey}";
            return new Dictionary<string, object?>
            {
                ["workflow"] = "consultation",
                ["id"] = t.ConsultationId,
                ["consultationId"] = t.ConsultationId,
                ["title"] = t.Title,
                ["kind"] = t.Kind,
                ["rule"] = t.Rule,
                ["due"] = t.Due,
                ["assignedAt"] = t.AssignedAt,
                ["respond"] = respond,
                ["act"] = "POST " + respond,
            };
        }

        return new Dictionary<string, object?>
        {
            ["workflow"] = t.Workflow,
            ["id"] = t.SubjectId,
            ["title"] = t.Title,
            ["kind"] = t.Kind,
            ["step"] = t.Step,
            ["group"] = t.PartitionKey,
            ["due"] = t.Due,
            ["assignedAt"] = t.AssignedAt,
            ["act"] = t.ActRoute,
        };
    }
}
