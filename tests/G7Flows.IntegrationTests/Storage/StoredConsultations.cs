using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Consultations.Storage;
using Xunit;

namespace G7Flows.IntegrationTests.Storage;

/// <summary>Consultations written straight through <see cref="ConsultationStore"/> for the store's own tests: unanimity, a joint exercise, a day to answer.</summary>
internal static class StoredConsultations
{
    /// <summary>Creates an open consultation of <paramref name="participants"/> (the first proposes) and returns its id.</summary>
    public static async Task<string> CreateAsync(ConsultationStore store, string title, DateTimeOffset createdAt, params string[] participants)
    {
        string id = ConsultationIds.New();
        var (created, _) = await store.CreateAsync(new ConsultationEntity
        {
            PartitionKey = ConsultationEntity.ConstructPartitionKey(id),
            Title = title,
            Kind = "joint-exercise",
            Proposer = participants[0],
            Participants = string.Join(',', participants),
            Rule = "unanimity",
            Status = nameof(ConsultationStatus.Open),
            CreatedAt = createdAt,
            CreatedBy = "staff",
            Deadline = createdAt.AddDays(1),
            CreatedFrom = "test",
        });
        Assert.True(created);
        return id;
    }

    /// <summary>The nation's position row of <paramref name="snapshot"/>, answered with <paramref name="position"/> at <paramref name="at"/>.</summary>
    public static PositionEntity Answer(ConsultationSnapshot snapshot, string nation, string position, DateTimeOffset at)
    {
        PositionEntity p = snapshot.PositionOf(nation)!;
        p.Position = position;
        p.Respondent = $"reviewer.{nation.ToLowerInvariant()}";
        p.RespondedAt = at;
        p.Source = "test";
        return p;
    }
}
