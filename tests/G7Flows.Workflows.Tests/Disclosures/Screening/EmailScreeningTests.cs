using CsCheck;
using G7Flows.Workflows.Disclosures.Screening;

namespace G7Flows.Workflows.Tests.Disclosures.Screening;

/// <summary>E-mail addresses are personal data and block.</summary>
public sealed class EmailScreeningTests
{
    [Theory]
    [InlineData("jane.doe@forces.gc.ca")]
    [InlineData("j.smith@mod.gov.uk")]
    [InlineData("a.b+exercise@defense.gouv.fr")]
    [InlineData("max.mustermann@bmvg.bund.de")]
    [InlineData("mario.rossi@difesa.it")]
    [InlineData("taro.yamada@mod.go.jp")]
    [InlineData("john.q.public.civ@mail.mil")]
    [InlineData("press_office@eeas.europa.eu")]
    [InlineData("JANE.DOE@FORCES.GC.CA")]
    [InlineData("müller@bundeswehr.de")]
    [InlineData("o.leclerc@défense.fr")]
    [InlineData("taro＠mod.go.jp")]
    [InlineData("jane.doe [at] forces.gc.ca")]
    [InlineData("jane.doe(at)forces.gc.ca")]
    [InlineData("jane.doe [at] forces [dot] gc [dot] ca")]
    [InlineData("ops-center_2@nato.int")]
    public void An_email_address_blocks(string address)
    {
        // Arrange
        string text = $"For questions, write to {address}, the point of contact.";

        // Act
        var result = DisclosureScreener.Screen(text, "CA");

        // Assert
        var email = ScreeningAssert.OfKind(result, FindingKinds.EmailAddress).Single();
        Assert.Equal((FindingSeverities.Blocking, 1, 25, (string?)null), (email.Severity, email.Line, email.Column, email.System));
        Assert.True(result.IsBlocked);
        ScreeningAssert.Masked(result, address);
    }

    [Theory]
    [InlineData("<jane.doe@forces.gc.ca>", 2)]
    [InlineData("mailto:jane.doe@forces.gc.ca", 8)]
    [InlineData("(jane.doe@forces.gc.ca)", 2)]
    [InlineData("Write to jane.doe@forces.gc.ca.", 10)]
    public void The_address_is_found_without_its_surroundings(string text, int column)
    {
        // Act
        var result = DisclosureScreener.Screen(text, "CA");

        // Assert
        Assert.Equal(column, ScreeningAssert.OfKind(result, FindingKinds.EmailAddress).Single().Column);
    }

    [Theory]
    [InlineData("Follow @G7Flows for updates.")]
    [InlineData("The service runs at user@localhost only.")]
    [InlineData("Use logo@2x.png for high-density screens.")]
    [InlineData("Two rounds @ 5 EUR each.")]
    [InlineData("See example.org and nato.int for details.")]
    [InlineData("The email at the office was down.")]
    [InlineData("a @ b . c")]
    public void Text_that_only_looks_like_an_address_is_no_finding(string text)
    {
        // Act
        var result = DisclosureScreener.Screen(text, "US");

        // Assert
        ScreeningAssert.Clean(result);
    }

    [Fact]
    public void Any_generated_address_is_found_and_masked()
    {
        var label = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"], 1, 12];
        var address =
            from local in Gen.Select(label, label.Array[0, 2])
            from domain in label.Array[1, 3]
            from tld in Gen.String[Gen.Char['a', 'z'], 2, 6]
            select string.Join('.', local.Item2.Prepend(local.Item1)) + "@" + string.Join('.', domain) + "." + tld;

        address.Sample(a =>
        {
            // Act
            var result = DisclosureScreener.Screen($"Questions go to {a} by Friday.", "GB");

            // Assert
            var email = Assert.Single(result.Findings);
            Assert.Equal((FindingKinds.EmailAddress, 17), (email.Kind, email.Column));
            Assert.DoesNotContain(a, email.Excerpt, StringComparison.Ordinal);
        });
    }
}
