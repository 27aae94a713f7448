using G7Flows.Workflows.Disclosures.Screening;

namespace G7Flows.Workflows.Tests.Disclosures.Screening;

/// <summary>Handling caveats: blocking in banner and portion position, a warning when named in running text.</summary>
public sealed class CaveatScreeningTests
{
    [Theory]
    [InlineData("TOP SECRET//NOFORN", "US", MarkingSystems.UnitedStates, 13)]
    [InlineData("SECRET//ORCON", "US", MarkingSystems.UnitedStates, 9)]
    [InlineData("SECRET//REL TO USA, GBR", "US", MarkingSystems.UnitedStates, 9)]
    [InlineData("SECRET//REL TO USA, AUS, CAN, GBR, NZL", "US", MarkingSystems.UnitedStates, 9)]
    [InlineData("TOP SECRET//SI//NOFORN", "US", MarkingSystems.UnitedStates, 17)]
    [InlineData("UNCLASSIFIED//FOUO", "US", MarkingSystems.UnitedStates, 15)]
    [InlineData("UNCLASSIFIED//FOR OFFICIAL USE ONLY", "US", MarkingSystems.UnitedStates, 15)]
    [InlineData("CUI", "US", MarkingSystems.UnitedStates, 1)]
    [InlineData("CONTROLLED UNCLASSIFIED INFORMATION", "US", MarkingSystems.UnitedStates, 1)]
    [InlineData("NOFORN", "US", MarkingSystems.UnitedStates, 1)]
    [InlineData("REL TO USA, FVEY", "US", MarkingSystems.UnitedStates, 1)]
    [InlineData("SECRET UK EYES ONLY", "GB", MarkingSystems.UnitedKingdom, 8)]
    [InlineData("UK EYES ONLY", "GB", MarkingSystems.UnitedKingdom, 1)]
    [InlineData("SECRET//CANADIAN EYES ONLY", "CA", MarkingSystems.Canada, 9)]
    [InlineData("CANADIAN EYES ONLY", "CA", MarkingSystems.Canada, 1)]
    [InlineData("DIFFUSION RESTREINTE", "FR", MarkingSystems.France, 1)]
    [InlineData("Diffusion Restreinte", "FR", MarkingSystems.France, 1)]
    [InlineData("SECRET - SPÉCIAL FRANCE", "FR", MarkingSystems.France, 10)]
    [InlineData("NATO SECRET ATOMAL", "US", MarkingSystems.Nato, 13)]
    [InlineData("取扱注意", "JP", MarkingSystems.Japan, 1)]
    [InlineData("取扱厳重注意", "JP", MarkingSystems.Japan, 1)]
    [InlineData("【取扱注意】", "JP", MarkingSystems.Japan, 2)]
    [InlineData("極秘　取扱注意", "JP", MarkingSystems.Japan, 4)]
    [InlineData("【秘・取扱注意】", "JP", MarkingSystems.Japan, 4)]
    public void A_caveat_in_a_banner_blocks(string banner, string nation, string system, int column)
    {
        // Arrange
        string text = banner + "\nThe exercise took place in May.\n";

        // Act
        var result = DisclosureScreener.Screen(text, nation);

        // Assert
        var caveat = ScreeningAssert.OfKind(result, FindingKinds.HandlingCaveat).Single();
        Assert.Equal((FindingSeverities.Blocking, system, 1, column), (caveat.Severity, caveat.System, caveat.Line, caveat.Column));
        Assert.True(result.IsBlocked);
    }

    [Theory]
    [InlineData("(S//NF) The evacuation plan.", 5)]
    [InlineData("(TS//SI//NF) The evacuation plan.", 10)]
    [InlineData("(S//REL TO USA, GBR) The evacuation plan.", 5)]
    [InlineData("(U//FOUO) The evacuation plan.", 5)]
    [InlineData("(CUI) The evacuation plan.", 1)]
    [InlineData("(S/NF) The evacuation plan.", 4)]
    public void A_caveat_in_a_portion_mark_blocks(string paragraph, int column)
    {
        // Act
        var result = DisclosureScreener.Screen(paragraph, "US");

        // Assert
        var caveat = ScreeningAssert.OfKind(result, FindingKinds.HandlingCaveat).Single();
        Assert.Equal((FindingSeverities.Blocking, 1, column), (caveat.Severity, caveat.Line, caveat.Column));
        Assert.True(result.IsBlocked);
    }

    [Fact]
    public void An_unclassified_portion_with_a_caveat_is_blocked_by_the_caveat()
    {
        // Act
        var result = DisclosureScreener.Screen("(U//FOUO) The evacuation plan.", "US");

        // Assert
        Assert.Equal(FindingSeverities.Warning, ScreeningAssert.OfKind(result, FindingKinds.ClassificationMarking).Single().Severity);
        Assert.Equal(FindingSeverities.Blocking, ScreeningAssert.OfKind(result, FindingKinds.HandlingCaveat).Single().Severity);
        Assert.True(result.IsBlocked);
    }

    [Theory]
    [InlineData("Documents marked NOFORN may not be shared with partners.", 18)]
    [InlineData("The ORCON caveat keeps dissemination with the originator.", 5)]
    [InlineData("A release under REL TO USA, GBR needs both agencies.", 17)]
    public void A_distinctive_caveat_named_in_running_text_warns(string sentence, int column)
    {
        // Act
        var result = DisclosureScreener.Screen(sentence, "US");

        // Assert
        var caveat = Assert.Single(result.Findings);
        Assert.Equal((FindingKinds.HandlingCaveat, FindingSeverities.Warning, column), (caveat.Kind, caveat.Severity, caveat.Column));
        Assert.False(result.IsBlocked);
    }
}
