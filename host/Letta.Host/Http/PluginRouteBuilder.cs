
namespace Letta.Host.Http;

/// <summary>
/// The route builder a plugin maps into: the plugin's group, but with the plugin's service provider, so minimal-API
/// handlers infer and resolve the plugin's services (the request delegate factory asks this provider).
/// </summary>
internal sealed class PluginRouteBuilder(IEndpointRouteBuilder group, IServiceProvider pluginServices) : IEndpointRouteBuilder
{
    public IServiceProvider ServiceProvider => pluginServices;

    public ICollection<EndpointDataSource> DataSources => group.DataSources;

    public IApplicationBuilder CreateApplicationBuilder() => group.CreateApplicationBuilder();
}
