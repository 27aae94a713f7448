namespace G7Flows.Workflows.Disclosures.Screening;

/// <summary>The kinds of screening finding, as the wire names that appear in <see cref="ScreeningFinding.Kind"/>.</summary>
public static class FindingKinds
{
    /// <summary>
    /// A classification marking in banner or portion position: <c>TOP SECRET</c>, <c>(S)</c>, <c>NATO SECRET</c>,
    /// <c>RESTREINT UE</c>, <c>VS-NfD</c>, <c>SEGRETO</c>, <c>PROTECTED B</c>, <c>【極秘】</c> and the others of every
    /// participant's national system, NATO and the EU.
    /// </summary>
    public const string ClassificationMarking = "classification-marking";

    /// <summary>
    /// A handling caveat or dissemination control: <c>NOFORN</c>, <c>ORCON</c>, <c>REL TO USA, GBR</c>, <c>CUI</c>,
    /// <c>FOUO</c>, <c>UK EYES ONLY</c>, <c>CANADIAN EYES ONLY</c>, <c>DIFFUSION RESTREINTE</c>, <c>取扱注意</c> ...
    /// </summary>
    public const string HandlingCaveat = "handling-caveat";

    /// <summary>An e-mail address: personal data.</summary>
    public const string EmailAddress = "email-address";

    /// <summary>A telephone number, as recognised by libphonenumber for the nation's region: personal data.</summary>
    public const string PhoneNumber = "phone-number";

    /// <summary>Every kind, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } = [ClassificationMarking, HandlingCaveat, EmailAddress, PhoneNumber];
}
