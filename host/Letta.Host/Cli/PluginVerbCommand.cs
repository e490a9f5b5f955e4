using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Letta.Cli;

namespace Letta.Host.Cli;

/// <summary>Turns one <see cref="CliCommand"/> declaration into a command that makes its HTTP call.</summary>
internal static class PluginVerbCommand
{
    public static Command Create(string pluginId, CliCommand declaration)
    {
        var command = new Command(declaration.Name, declaration.Description);
        var arguments = new List<(CliArgument Declaration, Argument<string?> Argument)>();
        foreach (CliArgument argument in declaration.Arguments)
        {
            var parsed = new Argument<string?>(argument.Name)
            {
                Description = argument.Description,
                Arity = argument.Required ? ArgumentArity.ExactlyOne : ArgumentArity.ZeroOrOne,
            };
            command.Arguments.Add(parsed);
            arguments.Add((argument, parsed));
        }

        var options = new List<(CliOption Declaration, Option Option)>();
        foreach (CliOption option in declaration.Options)
        {
            Option parsed = option.Kind == CliValueKind.Flag
                ? new Option<bool>("--" + option.Name) { Description = option.Description }
                : option.AllowMultiple
                    ? new Option<string[]>("--" + option.Name) { Description = option.Description, AllowMultipleArgumentsPerToken = false }
                    : new Option<string?>("--" + option.Name) { Description = option.Description };
            command.Options.Add(parsed);
            options.Add((option, parsed));
        }

        command.SetAction(async (parse, ct) =>
        {
            var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            string route = declaration.Route;
            string? bodyFile = null;
            foreach ((CliArgument decl, Argument<string?> argument) in arguments)
            {
                string? value = parse.GetValue(argument);
                if (value is null)
                {
                    continue;
                }

                if (decl.Name == declaration.BodyFileArgument)
                {
                    bodyFile = value;
                }
                else if (route.Contains("{" + decl.Name + "}", StringComparison.Ordinal))
                {
                    route = route.Replace("{" + decl.Name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
                }
                else
                {
                    values[decl.Name] = value;
                }
            }

            foreach ((CliOption decl, Option option) in options)
            {
                JsonNode? value = ReadOption(parse, decl, option);
                if (value is not null)
                {
                    values[decl.Name] = value;
                }
            }

            return await SendAsync(pluginId, declaration, route, values, bodyFile, ct).ConfigureAwait(false);
        });
        return command;
    }

    private static JsonNode? ReadOption(ParseResult parse, CliOption declaration, Option option) => option switch
    {
        Option<bool> flag => parse.GetValue(flag) ? JsonValue.Create(true) : null,
        Option<string[]> many => parse.GetValue(many) is { Length: > 0 } items ? new JsonArray(items.Select(i => Convert(declaration, i)).ToArray()) : null,
        Option<string?> single => parse.GetValue(single) is { } text ? Convert(declaration, text) : null,
        _ => null,
    };

    private static JsonNode? Convert(CliOption declaration, string text) => declaration.Kind switch
    {
        CliValueKind.Integer => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long number)
            ? JsonValue.Create(number)
            : throw new ArgumentException($"--{declaration.Name} must be a whole number, not '{text}'"),
        CliValueKind.Json => JsonNode.Parse(text),
        _ => JsonValue.Create(text),
    };

    private static async Task<int> SendAsync(string pluginId, CliCommand declaration, string route, Dictionary<string, JsonNode?> values, string? bodyFile, CancellationToken ct)
    {
        using HttpClient client = ServerClient.Create();
        var method = new HttpMethod(declaration.Method.ToUpperInvariant());
        bool valuesInQuery = method == HttpMethod.Get || method == HttpMethod.Delete || bodyFile is not null;
        string uri = $"api/{pluginId}/{route.TrimStart('/')}";
        if (valuesInQuery && values.Count > 0)
        {
            uri += (uri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + string.Join("&", values.SelectMany(Query));
        }

        using var request = new HttpRequestMessage(method, uri);
        Stream? body = null;
        if (bodyFile is not null)
        {
            body = bodyFile == "-" ? Console.OpenStandardInput() : File.OpenRead(bodyFile);
            request.Content = new StreamContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(declaration.BodyContentType);
        }
        else if (!valuesInQuery)
        {
            request.Content = new StringContent(new JsonObject(values.Select(v => KeyValuePair.Create(v.Key, v.Value))).ToJsonString(), Encoding.UTF8, "application/json");
        }

        try
        {
            using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            return await ResponsePrinter.PrintAsync(response, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            await Console.Error.WriteLineAsync(ServerClient.Unreachable(client, ex)).ConfigureAwait(false);
            return 1;
        }
        finally
        {
            if (body is not null)
            {
                await body.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static IEnumerable<string> Query(KeyValuePair<string, JsonNode?> pair) =>
        pair.Value is JsonArray array
            ? array.Select(item => $"{Uri.EscapeDataString(pair.Key)}={Uri.EscapeDataString(Text(item))}")
            : [$"{Uri.EscapeDataString(pair.Key)}={Uri.EscapeDataString(Text(pair.Value))}"];

    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : node?.ToJsonString() ?? string.Empty;
}
