namespace G7Flows.Workflows.Disclosures.PublicApi;

/// <summary>The anonymous routes of published disclosures below <c>/api</c>; constants, because the functions app's trigger attributes need them.</summary>
public static class PublicDisclosureRoutes
{
    /// <summary>The index, newest first and paged: JSON, or HTML when asked for.</summary>
    public const string List = "public/disclosures";

    /// <summary>The Atom feed of the newest publications.</summary>
    public const string Feed = "public/disclosures/feed.atom";

    /// <summary>One published disclosure: JSON, or HTML when asked for.</summary>
    public const string Get = "public/disclosures/{id}";

    /// <summary>The last segment of <see cref="Feed"/>.</summary>
    internal const string FeedSegment = "feed.atom";
}
