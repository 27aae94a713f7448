using G7Flows.Workflows.Platform.Durable;

namespace G7Flows.Workflows.Tests.Platform.Durable;

/// <summary>The in-memory note of which orchestrations have started and ended stays bounded and never forgets an end early.</summary>
public sealed class OrchestrationSightingsTests
{
    [Fact]
    public void The_sightings_forget_everything_rather_than_grow_past_their_capacity_and_an_end_is_not_forgotten_by_a_later_episode()
    {
        // Arrange
        var sightings = new OrchestrationSightings();
        for (int i = 0; i < OrchestrationSightings.Capacity; i++)
        {
            sightings.Stored($"instance-{i}", ended: i == 1);
        }

        bool fullKnowsTheFirst = sightings.HasStarted("instance-0");
        sightings.Stored("instance-1", ended: false);
        bool stillEnded = sightings.HasEnded("instance-1");

        // Act
        sightings.Stored("one-more", ended: false);

        // Assert
        Assert.True(fullKnowsTheFirst);
        Assert.True(stillEnded);
        Assert.False(sightings.HasStarted("instance-0"));
        Assert.True(sightings.HasStarted("one-more"));
        Assert.False(sightings.HasEnded("one-more"));
    }
}
