using System.Text.Json;
using FluentValidation;
using Letta.Plugins;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Letta.Samples.EchoConnector.Tests;

/// <summary>What the host relies on, checked without the host.</summary>
public sealed class EchoPluginContractTests
{
    [Fact]
    public void EntryAssembly_HasExactlyOnePublicPluginWithParameterlessConstructor()
    {
        Type[] plugins = typeof(EchoPlugin).Assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ILettaPlugin).IsAssignableFrom(t))
            .ToArray();

        plugins.ShouldBe([typeof(EchoPlugin)]);
        typeof(EchoPlugin).GetConstructor(Type.EmptyTypes).ShouldNotBeNull();
    }

    [Fact]
    public void ExportedTypes_PluginAssembly_AreOnlyTheEntryClassAndItsRegistration() =>
        typeof(EchoPlugin).Assembly.GetExportedTypes().ShouldBe([typeof(EchoPlugin), typeof(EchoServiceCollectionExtensions)], ignoreOrder: true);

    [Fact]
    public void SettingsType_HasValidatorInEntryAssembly()
    {
        ILettaPlugin plugin = new EchoPlugin();
        Type settingsType = plugin.SettingsType.ShouldNotBeNull();
        Type validatorInterface = typeof(IValidator<>).MakeGenericType(settingsType);

        typeof(EchoPlugin).Assembly.GetTypes().ShouldContain(t => validatorInterface.IsAssignableFrom(t));
    }

    [Fact]
    public async Task Commands_EachRoute_IsMappedWithItsMethod()
    {
        ILettaPlugin plugin = new EchoPlugin();
        await using EchoTestApp app = await EchoTestApp.StartAsync();
        var mapped = app.Endpoints
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                .Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToArray();

        plugin.Commands.Count.ShouldBe(2);
        foreach (var command in plugin.Commands)
        {
            mapped.ShouldContain($"{command.Method} /api/echo/{command.Route}");
        }
    }

    [Fact]
    public async Task HealthCheck_Registered_ReportsHealthy()
    {
        await using ServiceProvider services = EchoPluginServices.Build();

        HealthReport report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Entries.Keys.ShouldBe(["echo"]);
        report.Status.ShouldBe(HealthStatus.Healthy);
    }

    [Fact]
    public void Manifest_MatchesAssembly()
    {
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "plugin.json")));
        JsonElement root = manifest.RootElement;

        root.GetProperty("id").GetString().ShouldBe("echo");
        root.GetProperty("entryAssembly").GetString().ShouldBe(typeof(EchoPlugin).Assembly.GetName().Name + ".dll");
        root.GetProperty("abi").GetString().ShouldBe("1.0");
    }
}
