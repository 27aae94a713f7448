
namespace G7Flows.Workflows.Platform.Storage;

/// <summary>
/// The tables and blob containers G7Flows owns. Infrastructure (infra/storage-names.json, used by infra/core/storage.bicep) creates the same
/// names; a test compares the two lists.
/// </summary>
public static class StorageNames
{
    /// <summary>One partition per consultation: the consultation row and one position row per nation.</summary>
    public const string ConsultationsTable = "Consultations";

    /// <summary>Newest-first listing index, one partition per year.</summary>
    public const string ConsultationIndexTable = "ConsultationIndex";

    /// <summary>
    /// Every reviewer's inbox of open review tasks: one partition per assignee group (a nation for consultations;
    /// <c>security-reviewer:FR</c>, <c>human-rights-reviewer</c>, <c>approver:FR</c> for disclosures).
    /// </summary>
    public const string ReviewTasksTable = "ReviewTasks";

    /// <summary>Append-only audit trail: one partition per workflow instance.</summary>
    public const string AuditTable = "AuditTrail";

    /// <summary>Reminders and other notifications: one partition per nation.</summary>
    public const string NotificationsTable = "Notifications";

    /// <summary>Published consultation records (JSON and HTML), write-once.</summary>
    public const string RecordsContainer = "records";

    /// <summary>Published disclosures (JSON and HTML, write-once) and the public index, served by the anonymous routes.</summary>
    public const string PublicDisclosuresContainer = "public-disclosures";

    /// <summary>
    /// The fact rows written before they were spread over <see cref="ReportFactShardTables"/>: no longer written, still
    /// read, so that older periods keep their figures.
    /// </summary>
    public const string ReportFactsTable = "ReportFacts";

    /// <summary>
    /// One fact row per closed workflow, in the table of its shard (a stable hash of the workflow id), partitioned by the
    /// month it closed in: eight tables, so that a report reads a month with eight queries side by side, each over a
    /// table an eighth of the size.
    /// </summary>
    public static IReadOnlyList<string> ReportFactShardTables { get; } =
        [.. Enumerable.Range(0, ReportFactShards).Select(shard => ReportFactsTable + shard.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>How many shard tables the fact rows are spread over.</summary>
    public const int ReportFactShards = 8;

    /// <summary>When each schedule of the self-hosted server last ran and runs next (the timer's schedule status).</summary>
    public const string SchedulesTable = "Schedules";

    /// <summary>Published reports (JSON, CSV, HTML per period) and their index, write-once.</summary>
    public const string ReportsContainer = "reports";

    /// <summary>One partition per disclosure: its state, revisions index, reviews, comments and per-organisation comment counts.</summary>
    public const string DisclosuresTable = "Disclosures";

    /// <summary>Newest-first listing of disclosures, filterable by status and nation.</summary>
    public const string DisclosureIndexTable = "DisclosureIndex";

    /// <summary>The body of every revision of every disclosure, private, one blob per revision.</summary>
    public const string DisclosureRevisionsContainer = "disclosure-revisions";

    /// <summary>Every table the application creates and uses.</summary>
    public static IReadOnlyList<string> Tables { get; } =
        [ConsultationsTable, ConsultationIndexTable, ReviewTasksTable, AuditTable, NotificationsTable, DisclosuresTable, DisclosureIndexTable, ReportFactsTable, SchedulesTable, .. ReportFactShardTables];

    /// <summary>Every blob container the application creates and uses.</summary>
    public static IReadOnlyList<string> Containers { get; } = [RecordsContainer, DisclosureRevisionsContainer, PublicDisclosuresContainer, ReportsContainer];
}
