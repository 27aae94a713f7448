using Azure.Data.Tables;
using G7Flows.IntegrationTests.Infrastructure;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Disclosures.Storage;
using G7Flows.Workflows.Disclosures.Workflow;
using G7Flows.Workflows.Platform.Security;
using G7Flows.Workflows.Platform.Storage;
using G7Flows.Workflows.Platform.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace G7Flows.IntegrationTests.Disclosures;

/// <summary>The disclosure store on a real Azurite: its keys, its ETag-guarded transactions, its listing and blobs.</summary>
public sealed class DisclosureStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private Azurite? azurite;
    private StorageClients storage = null!;
    private DisclosureStore store = null!;

    public async Task InitializeAsync()
    {
        this.azurite = await Azurite.StartAsync();
        this.storage = StorageClients.FromConnectionString(this.azurite.ConnectionString);
        await this.storage.EnsureCreatedAsync();
        this.store = new DisclosureStore(this.storage);
    }

    public async Task DisposeAsync()
    {
        if (this.azurite is not null)
        {
            await this.azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task Creating_the_same_disclosure_twice_returns_the_first()
    {
        // Arrange
        string id = DisclosureIds.New();
        var (first, revision) = New(id, "first");

        // Act
        var (created, _) = await this.store.CreateAsync(first, revision);
        var (again, existing) = await this.store.CreateAsync(New(id, "second").Disclosure, New(id, "second").Revision);

        // Assert
        Assert.True(created);
        Assert.False(again);
        Assert.Equal("first", existing.Disclosure.RequestHash);
        Assert.Equal(1, existing.Current.Number);
    }

    [Fact]
    public async Task Of_two_changes_read_from_the_same_state_only_one_is_stored()
    {
        // Arrange
        string id = await this.CreateAsync("FR");
        DisclosureSnapshot a = (await this.store.GetAsync(id))!;
        DisclosureSnapshot b = (await this.store.GetAsync(id))!;
        var reviewA = Review(id, "approve");

        // Act
        bool first = await this.store.TryCommitAsync(a.Disclosure, [new TableTransactionAction(TableTransactionActionType.Add, reviewA)]);
        bool second = await this.store.TryCommitAsync(b.Disclosure, [new TableTransactionAction(TableTransactionActionType.Add, new ReviewEntity
        {
            PartitionKey = id, RowKey = ReviewEntity.ConstructRowKey(1, "human-rights"), Step = "human-rights", Revision = 1, Decision = "reject",
        })]);

        // Assert
        Assert.True(first);
        Assert.False(second);
        DisclosureSnapshot now = (await this.store.GetAsync(id))!;
        Assert.Equal("approve", Assert.Single(now.Reviews).Decision);
    }

    [Fact]
    public async Task An_organisations_comment_count_is_kept_with_the_disclosure()
    {
        // Arrange
        string id = await this.CreateAsync("FR");

        // Act
        for (int i = 0; i < 3; i++)
        {
            DisclosureSnapshot s = (await this.store.GetAsync(id))!;
            OrganisationCountEntity? counter = s.Counts.SingleOrDefault();
            var comment = new CommentEntity { PartitionKey = id, CommentId = DisclosureIds.NewComment(), Organisation = "Watch", Text = $"c{i}", PostedAt = T0.AddMinutes(i) };
            comment.RowKey = CommentEntity.ConstructRowKey(comment.CommentId);
            TableTransactionAction count = counter is null
                ? new(TableTransactionActionType.Add, new OrganisationCountEntity { PartitionKey = id, RowKey = OrganisationCountEntity.ConstructRowKey("Watch"), Organisation = "Watch", Count = 1 })
                : new(TableTransactionActionType.UpdateReplace, new OrganisationCountEntity { PartitionKey = id, RowKey = counter.RowKey, Organisation = "Watch", Count = counter.Count + 1 }, counter.ETag);
            Assert.True(await this.store.TryCommitAsync(s.Disclosure, [new(TableTransactionActionType.Add, comment), count]));
        }

        // Assert
        DisclosureSnapshot after = (await this.store.GetAsync(id))!;
        Assert.Equal(3, after.CountOf("Watch"));
        Assert.Equal(0, after.CountOf("Other"));
        Assert.Equal(3, after.PendingComments);
        Assert.Equal(["c0", "c1", "c2"], after.Comments.Select(c => c.Text));
    }

    [Fact]
    public async Task A_revision_body_is_written_once_under_a_name_from_its_content()
    {
        // Arrange
        string id = DisclosureIds.New();

        // Act
        string first = await this.store.WriteRevisionBodyAsync(id, 2, "# Text");
        string again = await this.store.WriteRevisionBodyAsync(id, 2, "# Text");
        string other = await this.store.WriteRevisionBodyAsync(id, 2, "# Another text");

        // Assert
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.StartsWith($"{id}/revision-02-", first, StringComparison.Ordinal);
        Assert.Equal("# Text", await this.store.ReadRevisionBodyAsync(first));
        Assert.Equal("# Another text", await this.store.ReadRevisionBodyAsync(other));
    }

    [Fact]
    public async Task The_listing_is_newest_first_filtered_by_status_and_nation_and_paged()
    {
        // Arrange
        var ids = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            var (d, _) = New(DisclosureIds.New(), "h", i % 2 == 0 ? "FR" : "DE", T0.AddMinutes(i));
            d.Status = i == 4 ? nameof(DisclosureStatus.Published) : nameof(DisclosureStatus.SecurityReview);
            await this.store.UpsertIndexAsync(d);
            ids.Add(d.PartitionKey);
        }

        // Act
        DisclosurePage french = await this.store.ListAsync(null, "FR", 10, null);
        DisclosurePage published = await this.store.ListAsync(DisclosureStatus.Published, null, 10, null);
        DisclosurePage firstPage = await this.store.ListAsync(null, null, 2, null);
        DisclosurePage secondPage = await this.store.ListAsync(null, null, 2, firstPage.ContinuationToken);

        // Assert
        Assert.Equal([ids[4], ids[2], ids[0]], french.Items.Select(i => i.DisclosureId));
        Assert.Equal([ids[4]], published.Items.Select(i => i.DisclosureId));
        Assert.Equal([ids[4], ids[3]], firstPage.Items.Select(i => i.DisclosureId));
        Assert.Equal([ids[2], ids[1]], secondPage.Items.Select(i => i.DisclosureId));
    }

    [Fact]
    public async Task A_steps_task_sits_in_its_assignee_groups_partition_of_the_shared_inbox()
    {
        // Arrange
        var (d, _) = New(DisclosureIds.New(), "h", "DE", T0);
        var inbox = new InboxApi(this.storage, NullLogger<InboxApi>.Instance);

        // Act
        await this.store.AssignTaskAsync(d, ReviewSteps.Security, T0, T0.AddDays(5));
        await this.store.AssignTaskAsync(d, ReviewSteps.HumanRights, T0, T0.AddDays(5));
        var security = await inbox.ListAsync("security-reviewer:DE");
        var humanRights = await inbox.ListAsync("human-rights-reviewer");
        var otherNation = await inbox.ListAsync("security-reviewer:FR");
        await this.store.DeleteAllTasksAsync(d);
        await this.store.DeleteAllTasksAsync(d);

        // Assert
        ReviewTaskEntity task = Assert.Single(security);
        Assert.Equal(("disclosure", d.PartitionKey, "security", T0.AddDays(5)), (task.Workflow, task.SubjectId, task.Step, task.Due));
        Assert.Equal($"POST /api/disclosures/{d.PartitionKey}/reviews/security", task.ActRoute);
        Assert.Single(humanRights);
        Assert.Empty(otherNation);
        Assert.Empty(await inbox.ListAsync("security-reviewer:DE"));
    }

    [Fact]
    public async Task Concluding_a_step_acts_on_the_stored_answer_once()
    {
        // Arrange
        string id = await this.CreateAsync("FR");
        DisclosureSnapshot s = (await this.store.GetAsync(id))!;
        Assert.True(await this.store.TryCommitAsync(s.Disclosure, [new TableTransactionAction(TableTransactionActionType.Add, Review(id, "approve"))]));
        var request = new ConcludeStepRequest(id, ReviewSteps.Security, 1, T0.UtcDateTime, T0.UtcDateTime.AddDays(14), null);

        // Act
        DisclosureSnapshot first = await this.store.UpdateAsync(id, x => ConcludeStepActivity.Apply(x, request));
        DisclosureSnapshot second = await this.store.UpdateAsync(id, x => ConcludeStepActivity.Apply(x, request));

        // Assert
        Assert.Equal(DisclosureStatus.HumanRightsReview, first.Status);
        Assert.Equal(DisclosureStatus.HumanRightsReview, second.Status);
        Assert.NotNull(Assert.Single(second.Reviews).ActedAt);
        Assert.Equal(first.Disclosure.ETag, second.Disclosure.ETag);
    }

    private static ReviewEntity Review(string id, string decision) => new()
    {
        PartitionKey = id,
        RowKey = ReviewEntity.ConstructRowKey(1, ReviewSteps.Security),
        Step = ReviewSteps.Security,
        Revision = 1,
        Decision = decision,
        Reviewer = "security.fr",
        ReviewedAt = T0,
    };

    private static (DisclosureEntity Disclosure, RevisionEntity Revision) New(string id, string hash, string nation = "FR", DateTimeOffset? at = null) =>
        (new DisclosureEntity
        {
            PartitionKey = id,
            Nation = nation,
            Kind = DisclosureKinds.DefencePolicy,
            Title = "Policy",
            Status = nameof(DisclosureStatus.SecurityReview),
            Revision = 1,
            CommentPeriod = "P14D",
            DueSecurity = "P5D",
            DueHumanRights = "P5D",
            DueFinal = "P3D",
            CreatedAt = at ?? T0,
            RequestHash = hash,
        },
        new RevisionEntity { PartitionKey = id, RowKey = RevisionEntity.ConstructRowKey(1), Number = 1, BlobName = $"{id}/revision-01.md", SubmittedAt = at ?? T0 });

    private async Task<string> CreateAsync(string nation)
    {
        string id = DisclosureIds.New();
        var (d, r) = New(id, "h", nation);
        await this.store.CreateAsync(d, r);
        return id;
    }
}
