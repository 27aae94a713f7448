using G7Flows.Workflows.Disclosures.Screening;

namespace G7Flows.Workflows.Tests.Disclosures.Screening;

/// <summary>
/// Telephone numbers of every participant, in national and international format, found with libphonenumber for the
/// nation's regions; figures, dates and references are not numbers. The numbers are fictitious but valid for
/// libphonenumber (drama ranges where the nation has them).
/// </summary>
public sealed class PhoneScreeningTests
{
    public static TheoryData<string, string> NationalAndInternational => new()
    {
        { "CA", "(613) 555-0142" },
        { "CA", "613-555-0142" },
        { "CA", "613.555.0142" },
        { "CA", "+1 613 555 0142" },
        { "CA", "+1-613-555-0142" },
        { "US", "(202) 555-0143" },
        { "US", "202-555-0143" },
        { "US", "1-202-555-0143" },
        { "US", "+1 202 555 0143" },
        { "US", "+1 (202) 555-0143" },
        { "GB", "020 7946 0958" },
        { "GB", "07400 123456" },
        { "GB", "+44 20 7946 0958" },
        { "GB", "+44 (0)20 7946 0958" },
        { "GB", "0044 20 7946 0958" },
        { "GB", "+44 7400 123456" },
        { "FR", "01 23 45 67 89" },
        { "FR", "01.23.45.67.89" },
        { "FR", "06 12 34 56 78" },
        { "FR", "+33 1 23 45 67 89" },
        { "FR", "+33 6 12 34 56 78" },
        { "DE", "030 1234567" },
        { "DE", "(030) 1234567" },
        { "DE", "030/1234567" },
        { "DE", "0151 23456789" },
        { "DE", "+49 30 1234567" },
        { "DE", "+49 (0)30 1234567" },
        { "DE", "+49 151 23456789" },
        { "IT", "06 6982 1234" },
        { "IT", "312 345 6789" },
        { "IT", "+39 06 6982 1234" },
        { "IT", "+39 312 345 6789" },
        { "JP", "03-1234-5678" },
        { "JP", "090-1234-5678" },
        { "JP", "03(1234)5678" },
        { "JP", "０３－１２３４－５６７８" },
        { "JP", "+81 3-1234-5678" },
        { "JP", "+81 90-1234-5678" },
        { "EU", "02 281 61 11" },
        { "EU", "+32 2 281 61 11" },
        { "EU", "01 23 45 67 89" },
        { "EU", "030 1234567" },
        { "EU", "+44 20 7946 0958" },
    };

    public static TheoryData<string, string> InternationalForEveryNation()
    {
        string[] numbers = ["+1 613 555 0142", "+1 202 555 0143", "+44 20 7946 0958", "+33 1 23 45 67 89", "+49 30 1234567", "+39 06 6982 1234", "+81 3-1234-5678", "+32 2 281 61 11"];
        var data = new TheoryData<string, string>();
        foreach (string nation in DisclosureScreener.Nations)
        {
            foreach (string number in numbers)
            {
                data.Add(nation, number);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NationalAndInternational))]
    public void A_telephone_number_of_the_nation_blocks(string nation, string number)
    {
        // Arrange
        string text = $"The duty officer can be reached on {number} at any time.";

        // Act
        var result = DisclosureScreener.Screen(text, nation);

        // Assert
        var phone = ScreeningAssert.OfKind(result, FindingKinds.PhoneNumber).Single();
        Assert.Equal((FindingSeverities.Blocking, 1, 36, (string?)null), (phone.Severity, phone.Line, phone.Column, phone.System));
        Assert.True(result.IsBlocked);
        ScreeningAssert.Masked(result, number);
    }

    [Theory]
    [MemberData(nameof(InternationalForEveryNation))]
    public void A_number_in_international_format_blocks_whoever_submits(string nation, string number)
    {
        // Act
        var result = DisclosureScreener.Screen($"Tel. {number}", nation);

        // Assert
        Assert.Equal(6, ScreeningAssert.OfKind(result, FindingKinds.PhoneNumber).Single().Column);
    }

    [Theory]
    [InlineData("In 2025 the budget rose; 1990, 2024 and 2035 are the reference years.")]
    [InlineData("The amount was 2,900,000,000,000 in national currency.")]
    [InlineData("The amount was 2.900.000.000.000 in national currency.")]
    [InlineData("The amount was 2 900 000 000 000 in national currency.")]
    [InlineData("The amount was 2\u00A0900\u00A0000\u00A0000 in national currency.")]
    [InlineData("The amount was 1'234'567'890 in national currency.")]
    [InlineData("The amount was 12 345 678 901,50 in national currency.")]
    [InlineData("The amount was 64,700,000,000.25 in national currency.")]
    [InlineData("The amount was 2900000000000 in national currency.")]
    [InlineData("Personnel: 5675926294; procurement: 3616907640; research: 14235882560.")]
    [InlineData("Dated 24.06.2025, 24/06/2025, 06/24/2025, 2025-06-24 and 2025年6月24日.")]
    [InlineData("At 10:30-12:45 on 2025-06-24T10:30:00Z.")]
    [InlineData("See paragraphs 1.2.3.4, 12.3.4.5.6 and 2024.1, section 4.2.1.7.")]
    [InlineData("Between 1990-2025 and 2024–2035, 3.4 % of GDP and 20 % on equipment.")]
    [InlineData("ISBN 978-3-16-148410-0; doi:10.1000/182; UN doc A/79/123; S/RES/2231 (2015).")]
    [InlineData("File 2025/0142/001, telegram 2025-STATE-014233, case 12-345-678.")]
    [InlineData("Deployed: 15 000 troops, 4 567 890 rounds and 120,000 t of supplies.")]
    [InlineData("Grid reference 3989.92 and bearing 1234.56.")]
    public void Figures_dates_and_references_are_no_telephone_numbers(string text)
    {
        foreach (string nation in DisclosureScreener.Nations)
        {
            // Act
            var result = DisclosureScreener.Screen(text, nation);

            // Assert
            Assert.True(result.Findings.Count == 0, $"{nation}: {ScreeningAssert.Describe(result)}");
        }
    }

    [Fact]
    public void Numbers_inside_an_email_address_are_not_a_second_finding()
    {
        // Act
        var result = DisclosureScreener.Screen("Write to 02012345678@example.org today.", "GB");

        // Assert
        Assert.Equal(FindingKinds.EmailAddress, Assert.Single(result.Findings).Kind);
    }

    [Fact]
    public void Several_numbers_on_one_line_are_each_found()
    {
        // Act
        var result = DisclosureScreener.Screen("Tel. +1 613 555 0142, fax (613) 555-0199, mobile 613-555-0177.", "CA");

        // Assert
        Assert.Equal([6, 27, 50], ScreeningAssert.OfKind(result, FindingKinds.PhoneNumber).Select(f => f.Column));
    }

    [Theory]
    [InlineData("Scores 1 2 3 4 5 6 7 8 9 +1 613 555 0142.", 26)]
    [InlineData("Scores 1 2 3 4 5 6 7 8 9 (613) 555-0142.", 26)]
    [InlineData("Scores 1 2 3 4 5 6 7 8 9 613-555-0142.", 26)]
    [InlineData("Tel. (613) 555-0142 - 1 2 3 4 5 6 7 8.", 6)]
    public void A_number_next_to_a_run_of_single_digits_is_found(string text, int column)
    {
        // Act
        var result = DisclosureScreener.Screen(text, "CA");

        // Assert
        Assert.Equal(column, ScreeningAssert.OfKind(result, FindingKinds.PhoneNumber).Single().Column);
    }

    [Theory]
    [InlineData("Votes: 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0")]
    [InlineData("Grid 0-1-0-1-0-1-0-1-0-1-0-1-0-1")]
    public void A_run_of_single_digits_is_no_telephone_number(string text)
    {
        foreach (string nation in DisclosureScreener.Nations)
        {
            // Act
            var result = DisclosureScreener.Screen(text, nation);

            // Assert
            Assert.True(result.Findings.Count == 0, $"{nation}: {ScreeningAssert.Describe(result)}");
        }
    }

    [Fact]
    public void A_long_line_of_numbers_is_read_whole()
    {
        // Arrange: one line of 400 numbers, so the scanner reads it in overlapping chunks
        string line = string.Join(", ", Enumerable.Range(0, 400).Select(i => $"+1 613 555 {i:0000}"));

        // Act
        var result = DisclosureScreener.Screen(line, "CA");

        // Assert
        var phones = ScreeningAssert.OfKind(result, FindingKinds.PhoneNumber);
        Assert.Equal(400, phones.Count);
        Assert.Equal(Enumerable.Range(0, 400).Select(i => 1 + (i * 17)), phones.Select(p => p.Column));
    }
}
