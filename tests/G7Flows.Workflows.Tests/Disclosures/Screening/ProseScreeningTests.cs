using G7Flows.Workflows.Disclosures.Screening;

namespace G7Flows.Workflows.Tests.Disclosures.Screening;

/// <summary>
/// The words of markings in ordinary prose, in the participants' languages, and other look-alikes that must pass:
/// every sentence here would be a false positive.
/// </summary>
public sealed class ProseScreeningTests
{
    [Theory]
    // English
    [InlineData("The Secretary of Defense met the Secretary-General in Brussels.")]
    [InlineData("Delegates elected the chair by a secret ballot.")]
    [InlineData("The arrangement protects trade secrets of the companies involved.")]
    [InlineData("The plan remained top secret until 2020, officials said.")]
    [InlineData("Confidential sources are protected by law.")]
    [InlineData("The talks were confidential and the minutes are not public.")]
    [InlineData("Protected areas along the coast were closed to the exercise.")]
    [InlineData("The Official Secrets Act 1989 still applies to former staff.")]
    [InlineData("Information is graded as SECRET or TOP SECRET under the policy described in Annex A.")]
    [InlineData("The CONFIDENTIAL annex is not part of this release.")]
    [InlineData("The NATO Restricted network was upgraded in 2024.")]
    [InlineData("Unclassified summaries are published every quarter.")]
    [InlineData("Secret ballots in the UN General Assembly\nThe vote was held in October.")]
    [InlineData("SECRET BALLOTS AT THE UNITED NATIONS\nThe vote was held in October.")]
    [InlineData("For your eyes only, the secretariat said in jest.")]
    [InlineData("It is no secret that the budget grew.")]
    // French
    [InlineData("Le secrétaire général a signé l'accord.")]
    [InlineData("Le vote à bulletin secret a eu lieu hier.")]
    [InlineData("Le secret des affaires est protégé par la loi.")]
    [InlineData("Les informations confidentielles ne sont pas publiées.")]
    [InlineData("Le secret défense a été levé en 2021 sur ces archives.")]
    [InlineData("La diffusion restreinte du rapport a été décidée par le ministre.")]
    [InlineData("Très secret, le projet n'a été révélé qu'en 2019.")]
    // German
    [InlineData("Es gab eine geheime Abstimmung im Ausschuss.")]
    [InlineData("Die Verhandlungen blieben streng geheim, sagte die Ministerin.")]
    [InlineData("Der Staatssekretär besuchte die Truppe in Munster.")]
    [InlineData("Vertrauliche Gespräche fanden in Berlin statt.")]
    [InlineData("Geheimhaltung ist bei diesen Verfahren geboten.")]
    [InlineData("Geheim bleibt, was nicht veröffentlicht wird.")]
    // Italian
    [InlineData("Il segretario generale ha firmato il documento.")]
    [InlineData("Il segreto di Stato è stato opposto dal governo.")]
    [InlineData("Il documento è riservato ai membri del comitato.")]
    [InlineData("Si è trattato di un'operazione segretissima.")]
    [InlineData("Il voto segreto si è svolto ieri alla Camera.")]
    // Japanese
    [InlineData("秘書官が会議に出席した。")]
    [InlineData("極秘裏に交渉が進められた。")]
    [InlineData("特定秘密保護法の運用状況を報告する。")]
    [InlineData("取扱注意事項を確認した。")]
    [InlineData("秘密保持契約を締結した。")]
    [InlineData("（秘書室）に連絡する。")]
    [InlineData("「秘」の表示について説明する。")]
    [InlineData("【特定秘密保護法】の概要")]
    [InlineData("秘書")]
    public void A_marking_word_in_prose_is_no_finding(string prose)
    {
        // Act
        var result = DisclosureScreener.Screen(prose, "US");

        // Assert
        ScreeningAssert.Clean(result);
    }

    [Theory]
    [InlineData("(A) The first objective.\n(B) The second objective.\n(C) The third objective.")]
    [InlineData("(Q) The first objective.\n(R) The second objective.\n(S) The third objective.")]
    [InlineData("(T) The first objective.\n(U) The second objective.")]
    [InlineData("(C) 2025 Crown copyright")]
    [InlineData("(C) Copyright 2025 the partners")]
    [InlineData("(c) 2025 the partners")]
    [InlineData("(a) first\n(b) second\n(c) third")]
    [InlineData("The agreement(s) listed in the annex apply.")]
    [InlineData("(S)urveillance flights resumed.")]
    [InlineData("The figure (S) is explained below.")]
    [InlineData("Results (TS) are in the table.")]
    [InlineData("[SECRET](https://example.org/archive/secret)")]
    public void A_letter_in_parentheses_that_is_no_portion_mark_is_no_finding(string text)
    {
        // Act
        var result = DisclosureScreener.Screen(text, "US");

        // Assert
        ScreeningAssert.Clean(result);
    }

    [Theory]
    [InlineData("Our classification levels are:\n- Top secret\n- Secret\n- Confidential")]
    [InlineData("| Level | Documents declassified |\n|---|---|\n| Top secret | 12 |\n| Secret | 140 |")]
    [InlineData("| Top secret | Secret | Confidential |\n|---|---|---|\n| 12 | 140 | 1,200 |")]
    [InlineData("## Confidential information\nNone is included.")]
    [InlineData("Classification: public")]
    public void Marking_words_in_lists_tables_and_headings_of_ordinary_text_are_no_finding(string text)
    {
        // Act
        var result = DisclosureScreener.Screen(text, "GB");

        // Assert
        ScreeningAssert.Clean(result);
    }

    [Theory]
    [InlineData("US")]
    [InlineData("EU")]
    public void A_realistic_expenditure_statement_is_clean(string nation)
    {
        // Arrange
        string text = """
            # Military expenditure 2025

            In 2025 the government spent EUR 64,700,000,000 on defence, 2.1 % of GDP (2,900,000,000,000).
            Section 3.2.1 sets out the categories; see also paragraphs 12–14 and Article 5(1)(a).

            | Category | Land | Naval | Air |
            |---|---|---|---|
            | Personnel | 12 345 678 901 | 4 567 890 123 | 3 456 789 012 |
            | Procurement | 1.234.567.890 | 987.654.321 | 2.345.678.901,50 |
            | R&D | 123456789 | 98765432 | 1999 |

            The report was adopted on 24.06.2025 (2025-06-24) at 10:30 and covers FY2024/25 and 1990–2025.
            Reference: UN doc A/79/123, ISBN 978-3-16-148410-0, file 2025/0142/001, telegram 2025-STATE-014233.
            The Secretary of State presented it to the committee; no secret annex exists.
            """;

        // Act
        var result = DisclosureScreener.Screen(text, nation);

        // Assert
        ScreeningAssert.Clean(result);
    }
}
