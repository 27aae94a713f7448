using System.Globalization;
using G7Flows.Workflows.Disclosures.Domain;
using G7Flows.Workflows.Reports.Domain;
using G7Flows.Workflows.Reports.Facts;

namespace G7Flows.IntegrationTests.Browser;

/// <summary>
/// A month of plausible activity as fact rows, for a report page worth looking at: consultations of the seven nations
/// with answer times of hours and days, every outcome, and disclosures with lead times of weeks, among them each
/// nation's military-expenditure statement (shares of GDP as SIPRI gives them for 2024; equipment shares made up).
/// The same seed gives the same facts.
/// </summary>
public static class SeededReportMonth
{
    private static readonly string[] G7 = ["CA", "FR", "DE", "IT", "JP", "GB", "US"];

    private static readonly string[] Kinds = ["joint-exercise", "information-sharing", "mutual-defence", "policy-coordination"];

    /// <summary>Typical hours a nation takes to answer, so that the answer-time chart tells the nations apart.</summary>
    private static readonly Dictionary<string, double> HoursToAnswer = new(StringComparer.Ordinal)
    {
        ["CA"] = 20, ["FR"] = 12, ["DE"] = 30, ["IT"] = 42, ["JP"] = 18, ["GB"] = 9, ["US"] = 26,
    };

    /// <summary>Share of GDP (SIPRI 2024) and, made up for the demonstration, the share on major equipment.</summary>
    private static readonly Dictionary<string, (double Gdp, double Equipment)> Expenditure = new(StringComparer.Ordinal)
    {
        ["CA"] = (1.3, 16.5), ["FR"] = (2.1, 27.1), ["DE"] = (1.9, 21.4), ["IT"] = (1.6, 22.8),
        ["JP"] = (1.4, 17.9), ["GB"] = (2.3, 31.0), ["US"] = (3.4, 29.6),
    };

    private static readonly string[] Titles =
    [
        "Joint exercise NORTHERN SHIELD", "Counter-terrorism exercise STEADFAST RESOLVE", "Humanitarian assistance drill OPEN HANDS",
        "Maritime security exchange on the Baltic", "Threat assessment sharing: cyber", "Consultation on a request under Article 4",
        "Arms-control verification coordination", "Peacekeeping exercise BLUE HELMET", "Satellite imagery sharing arrangement",
        "Consultation on hybrid threats in the High North", "Coordination of space-situational-awareness data", "Disaster relief exercise PACIFIC REACH",
    ];

    /// <summary>The consultations and disclosures of <paramref name="period"/>, all closing inside it.</summary>
    public static (IReadOnlyList<ConsultationFact> Consultations, IReadOnlyList<DisclosureFact> Disclosures) Facts(ReportPeriod period, int seed, int consultations)
    {
        var random = new Random(seed);
        TimeSpan length = period.End - period.Start;
        var consultationFacts = new List<ConsultationFact>();
        for (int i = 0; i < consultations; i++)
        {
            string[] participants = [.. G7.OrderBy(_ => random.Next()).Take(random.Next(3, 8))];
            int roll = random.Next(100);
            string outcome = roll < 60 ? "Adopted" : roll < 75 ? "Rejected" : roll < 90 ? "Expired" : "Withdrawn";
            DateTimeOffset closedAt = period.Start + (length * ((i + 0.5) / consultations));
            DateTimeOffset openedAt = closedAt - TimeSpan.FromDays(5);
            var answers = participants.Select((nation, n) => Answer(random, nation, outcome, objector: n == 0)).ToList();
            string title = Titles[i % Titles.Length] + (i >= Titles.Length ? string.Create(CultureInfo.InvariantCulture, $" ({(i / Titles.Length) + 1})") : string.Empty);
            consultationFacts.Add(new ConsultationFact(
                string.Create(CultureInfo.InvariantCulture, $"seeded-{period}-c{i:D3}"), title, Kinds[random.Next(Kinds.Length)], outcome, participants[0], openedAt, closedAt, answers));
        }

        var disclosureFacts = new List<DisclosureFact>();
        for (int n = 0; n < G7.Length; n++)
        {
            string nation = G7[n];
            DateTimeOffset published = period.Start + (length * ((n + 1) / (G7.Length + 1.0)));
            DateTimeOffset submitted = published - TimeSpan.FromDays(14 + random.Next(40));
            var (gdp, equipment) = Expenditure[nation];
            disclosureFacts.Add(new DisclosureFact(
                $"seeded-{period}-d{nation}-milex", $"Military expenditure statement 2024 ({nation})", DisclosureKinds.MilitaryExpenditure, nation,
                DisclosureOutcomes.Published, submitted, published, published, random.Next(3), random.Next(2, 12), random.Next(0, 6), gdp, equipment));

            // A second disclosure for most nations: a policy or an exercise report, now and then rejected or withdrawn.
            if (random.Next(4) > 0)
            {
                int roll = random.Next(10);
                string outcome = roll < 7 ? DisclosureOutcomes.Published : roll < 9 ? DisclosureOutcomes.Rejected : DisclosureOutcomes.Withdrawn;
                DateTimeOffset closed = published.AddDays(random.Next(1, 3));
                disclosureFacts.Add(new DisclosureFact(
                    $"seeded-{period}-d{nation}-policy", $"Defence policy update ({nation})", random.Next(2) == 0 ? DisclosureKinds.DefencePolicy : DisclosureKinds.ExerciseReport, nation,
                    outcome, closed - TimeSpan.FromDays(10 + random.Next(50)), closed, outcome == DisclosureOutcomes.Published ? closed : null,
                    random.Next(2), random.Next(0, 8), random.Next(0, 4)));
            }
        }

        return (consultationFacts, disclosureFacts);
    }

    /// <summary>
    /// A participant's answer: mostly on time after about the nation's usual number of hours, sometimes late or silent.
    /// The first participant objects when the consultation was rejected, and stays silent when it expired.
    /// </summary>
    private static NationAnswer Answer(Random random, string nation, string outcome, bool objector)
    {
        if (outcome == "Expired" && objector)
        {
            return new NationAnswer(nation, null, AnswerTimings.Silent, null);
        }

        int roll = random.Next(100);
        if (!objector && (roll >= 92 || (outcome == "Withdrawn" && roll >= 40)))
        {
            return new NationAnswer(nation, null, roll % 2 == 0 ? AnswerTimings.Late : AnswerTimings.Silent, null);
        }

        string position = outcome == "Rejected" && objector ? "object" : roll < 80 ? "approve" : "abstain";
        double hours = HoursToAnswer[nation] * (0.4 + (random.NextDouble() * 1.6));
        return new NationAnswer(nation, position, AnswerTimings.OnTime, Math.Round(hours * 3600));
    }
}
