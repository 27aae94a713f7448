using CsCheck;
using G7Flows.Workflows.Consultations.Domain;
using G7Flows.Workflows.Platform.Security;

namespace G7Flows.Workflows.Tests.Consultations.Domain;

/// <summary>
/// "Closes as soon as the outcome is certain" as properties: an early decision is never contradicted by
/// whatever the silent nations would still have answered, and at the deadline there is always a decision.
/// </summary>
public sealed class DecisionRulesPropertyTests
{
    /// <summary>What a nation may still do: answer one of the three positions, or stay silent (null).</summary>
    private static readonly Position?[] Futures = [Position.Approve, Position.Object, Position.Abstain, null];

    private static readonly Gen<Scenario> Scenarios =
        from shuffled in Gen.Shuffle(Nations.All.ToArray())
        from count in Gen.Int[2, 8]
        from rule in Gen.Enum<DecisionRule>()
        from threshold in Gen.OneOf<double>(Gen.Double[0.5, 1.0].Where(t => t > 0.5), Gen.OneOf(DecisionRules.DefaultThreshold, 0.55, 0.75, 1.0))
        from answers in Gen.Int[0, 3].Array[8]
        select Scenario.Create(rule, threshold, shuffled[..count], answers);

    [Fact]
    public void An_early_decision_is_the_decision_at_the_deadline_whatever_the_silent_nations_answer()
    {
        // Arrange
        int earlyDecisions = 0;

        // Act and Assert
        Scenarios.Sample(
            scenario =>
            {
                Decision? early = DecisionRules.Evaluate(scenario.Rule, scenario.Threshold, scenario.Participants, scenario.Positions, deadlinePassed: false);
                if (early is null)
                {
                    return;
                }

                Interlocked.Increment(ref earlyDecisions);
                foreach (Dictionary<string, Position> completed in scenario.Completions())
                {
                    Decision? final = DecisionRules.Evaluate(scenario.Rule, scenario.Threshold, scenario.Participants, completed, deadlinePassed: true);
                    Assert.True(
                        final?.Status == early.Status,
                        $"{scenario}: decided {early.Status} early, but {final?.Status} at the deadline with {Describe(completed)}.");
                }
            },
            iter: 3000,
            print: s => s.ToString());

        // The generator must actually reach early decisions, or the property says nothing.
        Assert.True(earlyDecisions > 300, $"Only {earlyDecisions} samples reached an early decision.");
    }

    [Fact]
    public void At_the_deadline_there_is_always_a_decision_and_only_unanimity_expires()
    {
        // Act and Assert
        Scenarios.Sample(
            scenario =>
            {
                Decision? decision = DecisionRules.Evaluate(scenario.Rule, scenario.Threshold, scenario.Participants, scenario.Positions, deadlinePassed: true);
                Assert.NotNull(decision);
                Assert.Contains(decision.Status, new[] { ConsultationStatus.Adopted, ConsultationStatus.Rejected, ConsultationStatus.Expired });
                Assert.True(decision.Status != ConsultationStatus.Expired || scenario.Rule == DecisionRule.Unanimity, $"{scenario} expired.");
                Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
            },
            iter: 2000,
            print: s => s.ToString());
    }

    [Fact]
    public void Once_every_participant_has_answered_the_decision_does_not_wait_for_the_deadline()
    {
        // Act and Assert
        Scenarios.Sample(
            scenario =>
            {
                Dictionary<string, Position> everyone = scenario.Participants.ToDictionary(
                    n => n, n => scenario.Positions.GetValueOrDefault(n, Position.Abstain), StringComparer.Ordinal);
                Decision? early = DecisionRules.Evaluate(scenario.Rule, scenario.Threshold, scenario.Participants, everyone, deadlinePassed: false);
                Decision? late = DecisionRules.Evaluate(scenario.Rule, scenario.Threshold, scenario.Participants, everyone, deadlinePassed: true);
                Assert.NotNull(early);
                Assert.Equal(late?.Status, early.Status);
            },
            iter: 1000,
            print: s => s.ToString());
    }

    private static string Describe(IReadOnlyDictionary<string, Position> positions) =>
        string.Join(" ", positions.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{WireNames.Of(p.Value)}"));

    private sealed record Scenario(DecisionRule Rule, double Threshold, IReadOnlyList<string> Participants, Dictionary<string, Position> Positions)
    {
        public static Scenario Create(DecisionRule rule, double threshold, string[] participants, int[] answers)
        {
            var positions = new Dictionary<string, Position>(StringComparer.Ordinal);
            for (int i = 0; i < participants.Length; i++)
            {
                if (Futures[answers[i]] is { } position)
                {
                    positions.Add(participants[i], position);
                }
            }

            return new Scenario(rule, threshold, participants, positions);
        }

        /// <summary>Every way the silent nations could still answer or stay silent: 4^k completions.</summary>
        public IEnumerable<Dictionary<string, Position>> Completions()
        {
            string[] silent = this.Participants.Where(n => !this.Positions.ContainsKey(n)).ToArray();
            int total = (int)Math.Pow(Futures.Length, silent.Length);
            for (int combination = 0; combination < total; combination++)
            {
                var completed = new Dictionary<string, Position>(this.Positions, StringComparer.Ordinal);
                int rest = combination;
                foreach (string nation in silent)
                {
                    if (Futures[rest % Futures.Length] is { } position)
                    {
                        completed.Add(nation, position);
                    }

                    rest /= Futures.Length;
                }

                yield return completed;
            }
        }

        public override string ToString() =>
            $"{this.Rule} (threshold {this.Threshold:R}) over [{string.Join(" ", this.Participants)}] with [{Describe(this.Positions)}]";
    }
}
