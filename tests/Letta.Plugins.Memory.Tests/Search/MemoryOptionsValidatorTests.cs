using Letta.Plugins.Memory.Options;

namespace Letta.Plugins.Memory.Tests.Search;

public sealed class MemoryOptionsValidatorTests
{
    private static FluentValidation.Results.ValidationResult Validate(MemoryOptions options) => new MemoryOptionsValidator().Validate(options);

    [Fact]
    public void Validate_Defaults_AreValidSqlite()
    {
        var options = new MemoryOptions();
        Validate(options).IsValid.ShouldBeTrue();
        options.EffectiveProvider.ShouldBe("sqlite");
    }

    [Fact]
    public void Validate_ConnectionString_InfersPostgres()
    {
        var options = new MemoryOptions { ConnectionString = "Host=db;Username=u" };
        Validate(options).IsValid.ShouldBeTrue();
        options.EffectiveProvider.ShouldBe("postgres");
    }

    [Fact]
    public void Validate_PostgresWithoutConnectionString_FailsOnConnectionString() =>
        Validate(new MemoryOptions { Provider = "postgres" }).Errors.Select(e => e.PropertyName).ShouldContain("ConnectionString");

    [Fact]
    public void Validate_UnresolvedEnvReference_FailsOnConnectionString() =>
        Validate(new MemoryOptions { ConnectionString = "${env:NOT_SET}" }).Errors.Select(e => e.PropertyName).ShouldContain("ConnectionString");

    [Theory]
    [InlineData("mysql", nameof(MemoryOptions.Provider))]
    public void Validate_UnknownProvider_Fails(string provider, string field) =>
        Validate(new MemoryOptions { Provider = provider }).Errors.Select(e => e.PropertyName).ShouldContain(field);

    [Fact]
    public void Validate_DefaultPageAboveMax_Fails() =>
        Validate(new MemoryOptions { DefaultPageSize = 600 }).Errors.Select(e => e.PropertyName).ShouldContain(nameof(MemoryOptions.DefaultPageSize));
}
