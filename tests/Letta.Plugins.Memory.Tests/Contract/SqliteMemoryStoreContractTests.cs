namespace Letta.Plugins.Memory.Tests.Contract;

/// <summary>The contract suite on the embedded SQLite provider (the default: no settings at all).</summary>
public sealed class SqliteMemoryStoreContractTests : MemoryStoreContractTests
{
    protected override string ExpectedProvider => "sqlite";

    protected override Task<Dictionary<string, string?>> SettingsAsync() => Task.FromResult(new Dictionary<string, string?>());
}
