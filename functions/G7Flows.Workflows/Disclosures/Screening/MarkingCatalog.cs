using System.Collections.Frozen;

namespace G7Flows.Workflows.Disclosures.Screening;

/// <summary>What a catalog phrase is.</summary>
internal enum PhraseRole
{
    /// <summary>A classification level.</summary>
    Marking,

    /// <summary>A handling caveat or dissemination control.</summary>
    Caveat,

    /// <summary>A label that may introduce a banner (<c>Classification:</c>, <c>Einstufung:</c>, <c>秘密区分：</c>).</summary>
    Label,
}

/// <summary>One marking, caveat or label of the catalog, with the systems that use it.</summary>
internal sealed class Phrase
{
    public Phrase(string text, PhraseRole role, string severity, string[] systems, bool takesCountryList = false)
    {
        this.Text = text;
        this.Role = role;
        this.Severity = severity;
        this.Systems = systems;
        this.TakesCountryList = takesCountryList;
        this.IsCjk = WordReader.IsCjk(text[0]);
        this.Words = this.IsCjk ? [text] : [.. WordReader.Read(text, 0, text.Length).Select(w => w.Normalized)];
    }

    /// <summary>The phrase as the catalog writes it.</summary>
    public string Text { get; }

    /// <summary>Its normalized words (<see cref="WordReader.Fold"/>); a Japanese phrase is one word.</summary>
    public IReadOnlyList<string> Words { get; }

    public PhraseRole Role { get; }

    public string Severity { get; }

    /// <summary>The systems that use it, the one to name by default first.</summary>
    public IReadOnlyList<string> Systems { get; }

    /// <summary><c>REL TO</c> is followed by country codes: <c>REL TO USA, GBR, FVEY</c>.</summary>
    public bool TakesCountryList { get; }

    public bool IsCjk { get; }

    public string Kind => this.Role == PhraseRole.Caveat ? FindingKinds.HandlingCaveat : FindingKinds.ClassificationMarking;

    /// <summary>The submitting nation's system when the phrase belongs to it, otherwise the first that uses it.</summary>
    public string? SystemFor(string nationSystem) =>
        this.Systems.Contains(nationSystem) ? nationSystem : this.Systems.Count > 0 ? this.Systems[0] : null;
}

/// <summary>
/// The markings and caveats the screening knows, by system (the table of the domain description), with their
/// severities:
/// <list type="bullet">
/// <item>every classification level is <see cref="FindingSeverities.Blocking"/>, from <c>RESTRICTED</c>/<c>PROTECTED A</c>/<c>VS-NfD</c>/<c>RISERVATO</c>/<c>秘</c> up;</item>
/// <item><c>NATO UNCLASSIFIED</c>, <c>UNCLASSIFIED</c>, <c>(U)</c> and <c>(NU)</c> are <see cref="FindingSeverities.Warning"/>s:
/// unclassified information may be published, but NATO's still needs release approval and a marked text was taken from a
/// document of a classified system, which the reviewers should know;</item>
/// <item>every handling caveat is <see cref="FindingSeverities.Blocking"/>: caveats only appear on material that is
/// not public (<c>CUI</c> and <c>FOUO</c> included, although they are not classifications).</item>
/// </list>
/// </summary>
internal static class MarkingCatalog
{
    private const string Nato = MarkingSystems.Nato;
    private const string Eu = MarkingSystems.EuropeanUnion;
    private const string Us = MarkingSystems.UnitedStates;
    private const string Uk = MarkingSystems.UnitedKingdom;
    private const string Ca = MarkingSystems.Canada;
    private const string Fr = MarkingSystems.France;
    private const string De = MarkingSystems.Germany;
    private const string It = MarkingSystems.Italy;
    private const string Jp = MarkingSystems.Japan;

    /// <summary>Markings, caveats and labels in words: matched case- and accent-insensitively, hyphens as spaces.</summary>
    public static IReadOnlyList<Phrase> Phrases { get; } =
    [
        // NATO
        Marking("COSMIC TOP SECRET", Nato),
        Marking("NATO SECRET", Nato),
        Marking("NATO CONFIDENTIAL", Nato),
        Marking("NATO RESTRICTED", Nato),
        Unclassified("NATO UNCLASSIFIED", Nato),
        Caveat("ATOMAL", Nato),

        // European Union: the French and English forms, usually both ("RESTREINT UE/EU RESTRICTED")
        Marking("TRÈS SECRET UE", Eu),
        Marking("EU TOP SECRET", Eu),
        Marking("SECRET UE", Eu),
        Marking("EU SECRET", Eu),
        Marking("CONFIDENTIEL UE", Eu),
        Marking("EU CONFIDENTIAL", Eu),
        Marking("RESTREINT UE", Eu),
        Marking("EU RESTRICTED", Eu),

        // United States, with the words the United Kingdom, Canada and France share
        Marking("TOP SECRET", Us, Uk, Ca),
        Marking("SECRET", Us, Uk, Ca, Fr),
        Marking("CONFIDENTIAL", Us, Ca),
        Unclassified("UNCLASSIFIED", Us),
        Caveat("NOFORN", Us),
        Caveat("ORCON", Us),
        new Phrase("REL TO", PhraseRole.Caveat, FindingSeverities.Blocking, [Us], takesCountryList: true),
        Caveat("RELIDO", Us),
        Caveat("PROPIN", Us),
        Caveat("IMCON", Us),
        Caveat("NODIS", Us),
        Caveat("EXDIS", Us),
        Caveat("LIMDIS", Us),
        Caveat("CUI", Us),
        Caveat("CONTROLLED UNCLASSIFIED INFORMATION", Us),
        Caveat("FOUO", Us),
        Caveat("FOR OFFICIAL USE ONLY", Us),

        // United Kingdom
        Marking("OFFICIAL-SENSITIVE", Uk),
        Caveat("UK EYES ONLY", Uk),

        // Canada, in English and French
        Marking("PROTECTED C", Ca),
        Marking("PROTECTED B", Ca),
        Marking("PROTECTED A", Ca),
        Marking("PROTÉGÉ C", Ca),
        Marking("PROTÉGÉ B", Ca),
        Marking("PROTÉGÉ A", Ca),
        Caveat("CANADIAN EYES ONLY", Ca),
        Caveat("CAN EYES ONLY", Ca),

        // France, with the forms in use before 2021
        Marking("TRÈS SECRET", Fr, Ca),
        Marking("TRÈS SECRET DÉFENSE", Fr),
        Marking("SECRET DÉFENSE", Fr),
        Marking("CONFIDENTIEL DÉFENSE", Fr),
        Caveat("DIFFUSION RESTREINTE", Fr),
        Caveat("SPÉCIAL FRANCE", Fr),

        // Germany
        Marking("STRENG GEHEIM", De),
        Marking("GEHEIM", De),
        Marking("VS-VERTRAULICH", De),
        Marking("VS-NUR FÜR DEN DIENSTGEBRAUCH", De),
        Marking("VS-NUR FUER DEN DIENSTGEBRAUCH", De),
        Marking("VS-NfD", De),

        // Italy
        Marking("SEGRETISSIMO", It),
        Marking("SEGRETO", It),
        Marking("RISERVATISSIMO", It),
        Marking("RISERVATO", It),

        // Japan: 特定秘密 (specially designated secret), 防衛秘密 (defence secret, until 2014), 極秘, 秘; handle with care
        Marking("特定秘密", Jp),
        Marking("防衛秘密", Jp),
        Marking("極秘", Jp),
        Marking("秘", Jp),
        Caveat("取扱厳重注意", Jp),
        Caveat("取扱注意", Jp),
        Caveat("取扱い注意", Jp),

        // Labels that may precede a banner, followed by a colon
        Label("CLASSIFICATION"),
        Label("SECURITY CLASSIFICATION"),
        Label("CLASSIFICATION LEVEL"),
        Label("PROTECTIVE MARKING"),
        Label("SECURITY MARKING"),
        Label("NIVEAU DE CLASSIFICATION"),
        Label("CLASSIFICATION DE SÉCURITÉ"),
        Label("EINSTUFUNG"),
        Label("VS-EINSTUFUNG"),
        Label("GEHEIMHALTUNGSGRAD"),
        Label("CLASSIFICA"),
        Label("CLASSIFICAZIONE"),
        Label("CLASSIFICA DI SEGRETEZZA"),
        Label("秘密区分"),
    ];

    /// <summary>Latin-script phrases by their first normalized word, the longest first.</summary>
    public static FrozenDictionary<string, Phrase[]> ByFirstWord { get; } = Phrases
        .Where(p => !p.IsCjk)
        .GroupBy(p => p.Words[0], StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(p => p.Words.Count).ToArray(), StringComparer.Ordinal);

    /// <summary>Japanese phrases, the longest first.</summary>
    public static IReadOnlyList<Phrase> Cjk { get; } = [.. Phrases.Where(p => p.IsCjk).OrderByDescending(p => p.Text.Length)];

    /// <summary>The classification letters of portion marks, exactly as written: <c>(TS)</c>, <c>(S)</c>, <c>(C)</c>, <c>(U)</c>, NATO's <c>(NS)</c> ...</summary>
    public static FrozenDictionary<string, Phrase> PortionClassifications { get; } = new Dictionary<string, Phrase>(StringComparer.Ordinal)
    {
        ["TS"] = Marking("TS", Us, Uk, Ca),
        ["S"] = Marking("S", Us, Uk, Ca),
        ["C"] = Marking("C", Us, Ca),
        ["U"] = Unclassified("U", Us),
        ["CTS"] = Marking("CTS", Nato),
        ["NS"] = Marking("NS", Nato),
        ["NC"] = Marking("NC", Nato),
        ["NR"] = Marking("NR", Nato),
        ["NU"] = Unclassified("NU", Nato),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The caveats of portion marks, exactly as written: <c>NF</c> (NOFORN), <c>OC</c> (ORCON), <c>FOUO</c> ...</summary>
    public static FrozenDictionary<string, Phrase> PortionCaveats { get; } = new Dictionary<string, Phrase>(StringComparer.Ordinal)
    {
        ["NF"] = Caveat("NF", Us),
        ["NOFORN"] = Caveat("NOFORN", Us),
        ["OC"] = Caveat("OC", Us),
        ["ORCON"] = Caveat("ORCON", Us),
        ["REL"] = Caveat("REL", Us),
        ["RELIDO"] = Caveat("RELIDO", Us),
        ["PR"] = Caveat("PR", Us),
        ["PROPIN"] = Caveat("PROPIN", Us),
        ["IMC"] = Caveat("IMC", Us),
        ["FOUO"] = Caveat("FOUO", Us),
        ["CUI"] = Caveat("CUI", Us),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Caveats that are no word of any language: written in capitals in running text they are still reported, as a
    /// <see cref="FindingSeverities.Warning"/>, because they usually come from a pasted marking line.
    /// </summary>
    public static FrozenSet<string> DistinctiveCaveats { get; } = FrozenSet.Create(StringComparer.Ordinal, "NOFORN", "ORCON", "RELIDO");

    /// <summary>The most words any Latin-script phrase has.</summary>
    public static int MaxWords { get; } = Phrases.Where(p => !p.IsCjk).Max(p => p.Words.Count);

    private static Phrase Marking(string text, params string[] systems) => new(text, PhraseRole.Marking, FindingSeverities.Blocking, systems);

    private static Phrase Unclassified(string text, params string[] systems) => new(text, PhraseRole.Marking, FindingSeverities.Warning, systems);

    private static Phrase Caveat(string text, params string[] systems) => new(text, PhraseRole.Caveat, FindingSeverities.Blocking, systems);

    private static Phrase Label(string text) => new(text, PhraseRole.Label, FindingSeverities.Warning, []);
}
