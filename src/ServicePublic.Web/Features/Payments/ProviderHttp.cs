using System.Buffers;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServicePublic.Web.Features.Payments;

/// <summary>A provider's JSON answer, with the HTTP status it came with.</summary>
public sealed record ProviderAnswer<T>(HttpStatusCode Status, T Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;
}

/// <summary>
/// JSON over HTTP with a payment provider. Whatever keeps us from reading an answer (no network,
/// a timeout, a server error, a body that is not JSON) becomes a <see cref="GatewayException"/>:
/// the payment stays as it was, to be checked again later.
/// </summary>
public static class ProviderHttp
{
    /// <summary>
    /// snake_case names both ways; numbers accepted where strings are expected and the reverse
    /// ("amount": "100", "tx_reference": 1234), since providers are not consistent about it.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new StringOrNumber() },
    };

    /// <summary>Posts <paramref name="body"/> as JSON; reads the answer of a 2xx or 4xx as <typeparamref name="T"/>.</summary>
    public static async Task<ProviderAnswer<T>> PostJsonAsync<T>(this HttpClient http, string provider, Uri url, object body, CancellationToken ct)
        where T : class
    {
        string text;
        HttpStatusCode status;
        try
        {
            using var response = await http.PostAsJsonAsync(url, body, Json, ct);
            status = response.StatusCode;
            text = await response.Content.ReadAsStringAsync(ct);
        }
        catch (HttpRequestException ex)
        {
            throw new GatewayException($"{provider} unreachable ({url.AbsolutePath})", ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new GatewayException($"{provider} timed out ({url.AbsolutePath})", ex);
        }
        if ((int)status >= 500)
        {
            throw new GatewayException($"{provider} failed: HTTP {(int)status} ({url.AbsolutePath})");
        }
        try
        {
            var parsed = JsonSerializer.Deserialize<T>(text, Json);
            return parsed is null
                ? throw new GatewayException($"{provider} answered nothing: HTTP {(int)status} ({url.AbsolutePath})")
                : new ProviderAnswer<T>(status, parsed);
        }
        catch (JsonException ex)
        {
            throw new GatewayException($"{provider} answered something other than JSON: HTTP {(int)status} ({url.AbsolutePath})", ex);
        }
    }

    /// <summary>{BaseUrl}/{path}, whether or not the configured base ends with a slash.</summary>
    public static Uri Endpoint(string baseUrl, string path) => new($"{baseUrl.TrimEnd('/')}/{path.TrimStart('/')}");

    /// <summary>Reads a string from a JSON string or number.</summary>
    private sealed class StringOrNumber : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"A string or a number was expected, not {reader.TokenType}"),
        };

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
