using G7Flows.Workflows.Disclosures.Screening;

namespace G7Flows.Workflows.Tests.Disclosures.Screening;

/// <summary>Classification markings of every system, in banner and portion position, in the case and accents they come in.</summary>
public sealed class MarkingScreeningTests
{
    private const string Body = "\nThe exercise took place in May with four partners.\n";

    /// <summary>Banner lines: text, submitting nation, expected system, expected severity.</summary>
    public static TheoryData<string, string, string, string> Banners => new()
    {
        // NATO
        { "COSMIC TOP SECRET", "US", MarkingSystems.Nato, FindingSeverities.Blocking },
        { "NATO SECRET", "GB", MarkingSystems.Nato, FindingSeverities.Blocking },
        { "NATO CONFIDENTIAL", "FR", MarkingSystems.Nato, FindingSeverities.Blocking },
        { "NATO RESTRICTED", "DE", MarkingSystems.Nato, FindingSeverities.Blocking },
        { "NATO Restricted", "IT", MarkingSystems.Nato, FindingSeverities.Blocking },
        { "**NATO SECRET**", "CA", MarkingSystems.Nato, FindingSeverities.Blocking },
        { "NATO UNCLASSIFIED", "US", MarkingSystems.Nato, FindingSeverities.Warning },

        // European Union, French and English forms
        { "TRES SECRET UE/EU TOP SECRET", "EU", MarkingSystems.EuropeanUnion, FindingSeverities.Blocking },
        { "TRÈS SECRET UE", "FR", MarkingSystems.EuropeanUnion, FindingSeverities.Blocking },
        { "EU TOP SECRET", "EU", MarkingSystems.EuropeanUnion, FindingSeverities.Blocking },
        { "SECRET UE/EU SECRET", "EU", MarkingSystems.EuropeanUnion, FindingSeverities.Blocking },
        { "CONFIDENTIEL UE/EU CONFIDENTIAL", "EU", MarkingSystems.EuropeanUnion, FindingSeverities.Blocking },
        { "RESTREINT UE/EU RESTRICTED", "EU", MarkingSystems.EuropeanUnion, FindingSeverities.Blocking },
        { "Restreint UE", "DE", MarkingSystems.EuropeanUnion, FindingSeverities.Blocking },
        { "EU RESTRICTED", "IT", MarkingSystems.EuropeanUnion, FindingSeverities.Blocking },

        // United States
        { "TOP SECRET", "US", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "SECRET", "US", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "CONFIDENTIAL", "US", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "TOP SECRET//NOFORN", "US", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "SECRET//REL TO USA, GBR", "US", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "TOP SECRET//SI//REL TO USA, FVEY", "US", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "CONFIDENTIAL//ORCON", "US", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "Top Secret", "US", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "top secret", "US", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "# SECRET", "US", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "Classification: TOP SECRET", "US", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "  SECRET  ", "US", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "UNCLASSIFIED", "US", MarkingSystems.UnitedStates, FindingSeverities.Warning },

        // United Kingdom
        { "OFFICIAL-SENSITIVE", "GB", MarkingSystems.UnitedKingdom, FindingSeverities.Blocking },
        { "OFFICIAL SENSITIVE", "GB", MarkingSystems.UnitedKingdom, FindingSeverities.Blocking },
        { "Official-Sensitive", "GB", MarkingSystems.UnitedKingdom, FindingSeverities.Blocking },
        { "TOP SECRET", "GB", MarkingSystems.UnitedKingdom, FindingSeverities.Blocking },
        { "SECRET UK EYES ONLY", "GB", MarkingSystems.UnitedKingdom, FindingSeverities.Blocking },
        { "TOP SECRET - UK EYES ONLY", "GB", MarkingSystems.UnitedKingdom, FindingSeverities.Blocking },

        // Canada, English and French
        { "PROTECTED A", "CA", MarkingSystems.Canada, FindingSeverities.Blocking },
        { "PROTECTED B", "CA", MarkingSystems.Canada, FindingSeverities.Blocking },
        { "PROTECTED C", "CA", MarkingSystems.Canada, FindingSeverities.Blocking },
        { "Protected B", "US", MarkingSystems.Canada, FindingSeverities.Blocking },
        { "PROTÉGÉ B", "CA", MarkingSystems.Canada, FindingSeverities.Blocking },
        { "PROTEGE C", "CA", MarkingSystems.Canada, FindingSeverities.Blocking },
        { "TOP SECRET", "CA", MarkingSystems.Canada, FindingSeverities.Blocking },
        { "CONFIDENTIAL", "CA", MarkingSystems.Canada, FindingSeverities.Blocking },
        { "TRÈS SECRET", "CA", MarkingSystems.Canada, FindingSeverities.Blocking },
        { "SECRET//CANADIAN EYES ONLY", "CA", MarkingSystems.Canada, FindingSeverities.Blocking },

        // France, current and before 2021
        { "TRÈS SECRET", "FR", MarkingSystems.France, FindingSeverities.Blocking },
        { "TRES SECRET", "FR", MarkingSystems.France, FindingSeverities.Blocking },
        { "Très Secret", "FR", MarkingSystems.France, FindingSeverities.Blocking },
        { "très secret", "US", MarkingSystems.France, FindingSeverities.Blocking },
        { "TRE\u0300S SECRET", "FR", MarkingSystems.France, FindingSeverities.Blocking },
        { "SECRET", "FR", MarkingSystems.France, FindingSeverities.Blocking },
        { "TRÈS SECRET DÉFENSE", "FR", MarkingSystems.France, FindingSeverities.Blocking },
        { "Très Secret Défense", "FR", MarkingSystems.France, FindingSeverities.Blocking },
        { "SECRET DÉFENSE", "FR", MarkingSystems.France, FindingSeverities.Blocking },
        { "SECRET DEFENSE", "US", MarkingSystems.France, FindingSeverities.Blocking },
        { "CONFIDENTIEL DÉFENSE", "FR", MarkingSystems.France, FindingSeverities.Blocking },
        { "Confidentiel Défense", "FR", MarkingSystems.France, FindingSeverities.Blocking },

        // Germany
        { "STRENG GEHEIM", "DE", MarkingSystems.Germany, FindingSeverities.Blocking },
        { "Streng geheim", "DE", MarkingSystems.Germany, FindingSeverities.Blocking },
        { "GEHEIM", "DE", MarkingSystems.Germany, FindingSeverities.Blocking },
        { "Geheim", "US", MarkingSystems.Germany, FindingSeverities.Blocking },
        { "VS-VERTRAULICH", "DE", MarkingSystems.Germany, FindingSeverities.Blocking },
        { "VS-Vertraulich", "DE", MarkingSystems.Germany, FindingSeverities.Blocking },
        { "VS-NUR FÜR DEN DIENSTGEBRAUCH", "DE", MarkingSystems.Germany, FindingSeverities.Blocking },
        { "VS-Nur für den Dienstgebrauch", "DE", MarkingSystems.Germany, FindingSeverities.Blocking },
        { "VS – NUR FÜR DEN DIENSTGEBRAUCH", "DE", MarkingSystems.Germany, FindingSeverities.Blocking },
        { "VS-NUR FUER DEN DIENSTGEBRAUCH", "DE", MarkingSystems.Germany, FindingSeverities.Blocking },
        { "VS-NfD", "DE", MarkingSystems.Germany, FindingSeverities.Blocking },
        { "VS-NFD", "DE", MarkingSystems.Germany, FindingSeverities.Blocking },
        { "Einstufung: VS-NfD", "DE", MarkingSystems.Germany, FindingSeverities.Blocking },

        // Italy
        { "SEGRETISSIMO", "IT", MarkingSystems.Italy, FindingSeverities.Blocking },
        { "SEGRETO", "IT", MarkingSystems.Italy, FindingSeverities.Blocking },
        { "RISERVATISSIMO", "IT", MarkingSystems.Italy, FindingSeverities.Blocking },
        { "RISERVATO", "IT", MarkingSystems.Italy, FindingSeverities.Blocking },
        { "Riservatissimo", "IT", MarkingSystems.Italy, FindingSeverities.Blocking },
        { "Classifica: SEGRETO", "IT", MarkingSystems.Italy, FindingSeverities.Blocking },

        // Japan: alone on a line or in brackets
        { "特定秘密", "JP", MarkingSystems.Japan, FindingSeverities.Blocking },
        { "防衛秘密", "JP", MarkingSystems.Japan, FindingSeverities.Blocking },
        { "極秘", "JP", MarkingSystems.Japan, FindingSeverities.Blocking },
        { "秘", "JP", MarkingSystems.Japan, FindingSeverities.Blocking },
        { "【極秘】", "JP", MarkingSystems.Japan, FindingSeverities.Blocking },
        { "【秘】", "JP", MarkingSystems.Japan, FindingSeverities.Blocking },
        { "［秘］", "JP", MarkingSystems.Japan, FindingSeverities.Blocking },
        { "　極秘　", "JP", MarkingSystems.Japan, FindingSeverities.Blocking },
        { "極秘　取扱注意", "JP", MarkingSystems.Japan, FindingSeverities.Blocking },
        { "秘密区分：極秘", "JP", MarkingSystems.Japan, FindingSeverities.Blocking },
    };

    /// <summary>Portion marks opening a paragraph, a list item or a quotation.</summary>
    public static TheoryData<string, string, string> Portions => new()
    {
        { "(TS) The exercise will rehearse the evacuation.", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "(S) The exercise will rehearse the evacuation.", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "(C) The exercise will rehearse the evacuation.", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "(S//NF) The exercise will rehearse the evacuation.", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "(TS//SI//NF) The exercise will rehearse the evacuation.", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "(S//REL TO USA, GBR) The exercise will rehearse the evacuation.", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "(S/NF) The exercise will rehearse the evacuation.", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "(SECRET) The exercise will rehearse the evacuation.", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "(CTS) The exercise will rehearse the evacuation.", MarkingSystems.Nato, FindingSeverities.Blocking },
        { "(NS) The exercise will rehearse the evacuation.", MarkingSystems.Nato, FindingSeverities.Blocking },
        { "(NC) The exercise will rehearse the evacuation.", MarkingSystems.Nato, FindingSeverities.Blocking },
        { "(NR) The exercise will rehearse the evacuation.", MarkingSystems.Nato, FindingSeverities.Blocking },
        { "(NATO SECRET) The exercise will rehearse the evacuation.", MarkingSystems.Nato, FindingSeverities.Blocking },
        { "(VS-NfD) Die Übung probt die Evakuierung.", MarkingSystems.Germany, FindingSeverities.Blocking },
        { "1. (S) The exercise will rehearse the evacuation.", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "2.3) (C) The exercise will rehearse the evacuation.", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "- (TS) The exercise will rehearse the evacuation.", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "> (S) The exercise will rehearse the evacuation.", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "    (S) The exercise will rehearse the evacuation.", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "**(S)** The exercise will rehearse the evacuation.", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "(S)", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "The annex (S//NF) stays with the ministry.", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "The annex (TS//REL TO USA, FVEY) stays with the ministry.", MarkingSystems.UnitedStates, FindingSeverities.Blocking },
        { "本件（秘）は公開しない。", MarkingSystems.Japan, FindingSeverities.Blocking },
        { "本報告書は【極秘】扱いとする。", MarkingSystems.Japan, FindingSeverities.Blocking },
        { "(U) The exercise will rehearse the evacuation.", MarkingSystems.UnitedStates, FindingSeverities.Warning },
        { "(NU) The exercise will rehearse the evacuation.", MarkingSystems.Nato, FindingSeverities.Warning },
    };

    [Theory]
    [MemberData(nameof(Banners))]
    public void A_banner_line_is_a_classification_marking(string banner, string nation, string system, string severity)
    {
        // Arrange
        string text = banner + Body;

        // Act
        var result = DisclosureScreener.Screen(text, nation);

        // Assert
        var marking = ScreeningAssert.OfKind(result, FindingKinds.ClassificationMarking)[0];
        Assert.Equal(system, marking.System);
        Assert.Equal(severity, marking.Severity);
        Assert.Equal(1, marking.Line);
        Assert.Equal(severity == FindingSeverities.Blocking, result.IsBlocked);
    }

    [Theory]
    [MemberData(nameof(Banners))]
    public void A_banner_line_is_found_at_the_end_of_a_document_too(string banner, string nation, string system, string severity)
    {
        // Arrange
        string text = "The exercise took place in May.\n\n" + banner + "\n";

        // Act
        var result = DisclosureScreener.Screen(text, nation);

        // Assert
        var marking = ScreeningAssert.OfKind(result, FindingKinds.ClassificationMarking)[0];
        Assert.Equal((3, system, severity), (marking.Line, marking.System, marking.Severity));
    }

    [Theory]
    [MemberData(nameof(Portions))]
    public void A_portion_mark_is_a_classification_marking(string paragraph, string system, string severity)
    {
        // Arrange
        string text = "Summary of the exercise.\n\n" + paragraph + "\n";

        // Act
        var result = DisclosureScreener.Screen(text, "US");

        // Assert
        var marking = ScreeningAssert.OfKind(result, FindingKinds.ClassificationMarking)[0];
        Assert.Equal((3, system, severity), (marking.Line, marking.System, marking.Severity));
    }

    [Theory]
    [InlineData("TOP SECRET Annual report of the joint exercise\nThe exercise took place in May.", 1)]
    [InlineData("SECRET – Exercise report\nThe exercise took place in May.", 1)]
    [InlineData("NATO RESTRICTED | Exercise report\nThe exercise took place in May.", 1)]
    [InlineData("The exercise took place in May.\nSECRET - end of document", 2)]
    public void A_marking_that_opens_the_first_or_last_line_counts_as_a_banner(string text, int line)
    {
        // Act
        var result = DisclosureScreener.Screen(text, "US");

        // Assert
        Assert.Equal(line, ScreeningAssert.OfKind(result, FindingKinds.ClassificationMarking)[0].Line);
        Assert.True(result.IsBlocked);
    }

    [Fact]
    public void A_marking_in_capitals_before_a_double_slash_counts_anywhere_in_a_line()
    {
        // Act
        var result = DisclosureScreener.Screen("Summary.\nThe annex, marked SECRET//NOFORN, stays with the ministry.\nEnd.", "US");

        // Assert
        var marking = ScreeningAssert.OfKind(result, FindingKinds.ClassificationMarking).Single();
        Assert.Equal((2, 19), (marking.Line, marking.Column));
        Assert.Equal(2, ScreeningAssert.OfKind(result, FindingKinds.HandlingCaveat).Single().Line);
    }

    [Theory]
    [InlineData("<b>SECRET</b>", 4)]
    [InlineData("<p><strong>TOP SECRET//NOFORN</strong></p>", 12)]
    [InlineData("<div align=\"center\">NATO CONFIDENTIAL</div>", 21)]
    [InlineData("&nbsp;CONFIDENTIAL&nbsp;", 7)]
    [InlineData("<center>Très Secret</center>", 9)]
    public void A_banner_wrapped_in_html_is_still_a_banner(string line, int column)
    {
        // Act
        var result = DisclosureScreener.Screen(line + "\nThe exercise took place in May.\n", "US");

        // Assert
        var marking = ScreeningAssert.OfKind(result, FindingKinds.ClassificationMarking)[0];
        Assert.Equal((1, column), (marking.Line, marking.Column));
        ScreeningAssert.Masked(result, line[(column - 1)..(column + 2)]);
    }

    [Theory]
    [InlineData("<b>Secret</b> ballots were held.")]
    [InlineData("<SECRET>")]
    [InlineData("AT&T and R&D budgets; &nbsp; is a space.")]
    public void Html_around_ordinary_text_is_no_finding(string line)
    {
        // Act
        var result = DisclosureScreener.Screen("Introduction.\n" + line + "\nEnd.", "US");

        // Assert
        ScreeningAssert.Clean(result);
    }

    [Theory]
    [InlineData("TOP SECRET", "US", MarkingSystems.UnitedStates)]
    [InlineData("TOP SECRET", "GB", MarkingSystems.UnitedKingdom)]
    [InlineData("TOP SECRET", "CA", MarkingSystems.Canada)]
    [InlineData("TOP SECRET", "FR", MarkingSystems.UnitedStates)]
    [InlineData("SECRET", "FR", MarkingSystems.France)]
    [InlineData("SECRET", "GB", MarkingSystems.UnitedKingdom)]
    [InlineData("SECRET", "JP", MarkingSystems.UnitedStates)]
    [InlineData("CONFIDENTIAL", "CA", MarkingSystems.Canada)]
    [InlineData("CONFIDENTIAL", "GB", MarkingSystems.UnitedStates)]
    [InlineData("TRÈS SECRET", "FR", MarkingSystems.France)]
    [InlineData("TRÈS SECRET", "CA", MarkingSystems.Canada)]
    [InlineData("TRÈS SECRET", "EU", MarkingSystems.France)]
    public void A_marking_several_systems_share_is_attributed_to_the_submitting_nation_when_it_uses_it(string banner, string nation, string system)
    {
        // Act
        var result = DisclosureScreener.Screen(banner, nation);

        // Assert
        Assert.Equal(system, ScreeningAssert.OfKind(result, FindingKinds.ClassificationMarking).Single().System);
    }

    [Fact]
    public void A_banner_with_the_french_and_english_eu_forms_gives_one_finding_for_each()
    {
        // Act
        var result = DisclosureScreener.Screen("RESTREINT UE/EU RESTRICTED", "EU");

        // Assert
        var markings = ScreeningAssert.OfKind(result, FindingKinds.ClassificationMarking);
        Assert.Equal([1, 14], markings.Select(m => m.Column));
    }

    [Fact]
    public void An_unclassified_marking_alone_only_warns()
    {
        // Act
        var result = DisclosureScreener.Screen("(U) Public summary.\n\nNATO UNCLASSIFIED\n\nUNCLASSIFIED", "US");

        // Assert
        Assert.Equal(3, result.Findings.Count);
        Assert.All(result.Findings, f => Assert.Equal(FindingSeverities.Warning, f.Severity));
        Assert.False(result.IsBlocked);
    }
}
