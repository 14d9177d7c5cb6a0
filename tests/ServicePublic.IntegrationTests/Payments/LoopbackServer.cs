using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace ServicePublic.IntegrationTests.Payments;

/// <summary>What a fake provider was asked: the path and the body as received.</summary>
public sealed record ReceivedRequest(string Path, string Body)
{
    public JsonElement Json => JsonSerializer.Deserialize<JsonElement>(Body);

    public string Field(string name) => Json.GetProperty(name).ToString();
}

/// <summary>How a fake provider misbehaves, before its endpoints get a say.</summary>
public enum Misbehaviour
{
    None = 0,

    /// <summary>200 with an HTML page, as a proxy or a maintenance page would answer.</summary>
    NotJson = 1,

    /// <summary>502 Bad Gateway.</summary>
    ServerError = 2,

    /// <summary>Answers after 5 seconds.</summary>
    Slow = 3,
}

/// <summary>
/// A minimal Kestrel server on a loopback port chosen by the system, started inside a test to
/// play a payment provider's API. It keeps every request it got, in order.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app) => _app = app;

    /// <summary>"http://127.0.0.1:{port}".</summary>
    public string BaseUrl => _app.Urls.First();

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public Misbehaviour Misbehaviour { get; set; }

    public IReadOnlyList<ReceivedRequest> To(string path) => [.. Requests.Where(r => r.Path == path)];

    public static async Task<LoopbackServer> StartAsync(Action<IEndpointRouteBuilder> map)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var server = new LoopbackServer(builder.Build());
        server._app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Request.Body.Position = 0;
            server.Requests.Enqueue(new ReceivedRequest(context.Request.Path, body));
            switch (server.Misbehaviour)
            {
                case Misbehaviour.NotJson:
                    context.Response.ContentType = "text/html";
                    await context.Response.WriteAsync("<html><body>Maintenance en cours</body></html>");
                    return;
                case Misbehaviour.ServerError:
                    context.Response.StatusCode = StatusCodes.Status502BadGateway;
                    return;
                case Misbehaviour.Slow:
                    await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { }, CancellationToken.None);
                    break;
            }
            await next(context);
        });
        map(server._app);
        await server._app.StartAsync();
        return server;
    }

    /// <summary>The JSON body of a request, or null when it is not a JSON object.</summary>
    public static async Task<JsonElement?> ReadJsonAsync(HttpRequest request)
    {
        try
        {
            var json = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            return json.ValueKind == JsonValueKind.Object ? json : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A string field of a JSON object, or null.</summary>
    public static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Stops listening: connections are refused from now on, as with a provider that is down.</summary>
    public Task StopAsync() => _app.StopAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

/// <summary>A fake provider: its endpoints, on its own <see cref="LoopbackServer"/>.</summary>
public abstract class FakeProvider : IAsyncDisposable
{
    public LoopbackServer Server { get; private set; } = null!;

    public string BaseUrl => Server.BaseUrl;

    /// <summary>A fake of type <typeparamref name="T"/>, listening.</summary>
    public static async Task<T> StartAsync<T>() where T : FakeProvider, new()
    {
        var fake = new T();
        await fake.ListenAsync();
        return fake;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    protected async Task ListenAsync() => Server = await LoopbackServer.StartAsync(Map);

    protected abstract void Map(IEndpointRouteBuilder app);
}
