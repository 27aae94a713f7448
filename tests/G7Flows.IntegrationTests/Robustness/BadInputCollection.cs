using G7Flows.IntegrationTests.Infrastructure;
using Xunit;

namespace G7Flows.IntegrationTests.Robustness;

/// <summary>
/// The robustness tests' own Azurite and server: the bad-input corpus compares every table and blob before and
/// after, so no other collection may write to the same storage meanwhile. The tests of this collection run one
/// after the other; the corpus waits until storage is quiet before it takes its first snapshot.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BadInputCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "bad input";
}
