using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Letta.Plugins.Memory.Tests.EndToEnd;

internal static class HttpJson
{
    public static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts a 400 problem-details response that names <paramref name="field"/> and leaks no stack trace.</summary>
    public static async Task ShouldBeValidationProblemAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(400, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        text.ShouldNotContain("   at ");
        text.ShouldNotContain("Exception");
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        errors.TryGetProperty(field, out _).ShouldBeTrue($"errors should name '{field}': {text}");
    }

    public static HttpRequestMessage WithIfMatch(this HttpRequestMessage request, long version)
    {
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return request;
    }
}
