using System.Diagnostics;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ServicePublic.TestSupport;

namespace ServicePublic.Load;

/// <summary>
/// One visit of one virtual user: a browser of its own (cookies, client address), a pause to read
/// or type between steps, and each exchange timed under its step's name. An answer that is not the
/// one a browser expects ends the visit (<see cref="Broken"/>): the next step would make no sense.
/// </summary>
public sealed class MixedVisit(HttpClient browser, MixedSteps steps, Random random, TimeSpan thinkMin, TimeSpan thinkMax, CancellationToken stop)
{
    public sealed class Broken(string message) : Exception(message);

    public Random Random => random;

    /// <summary>Reading the page or filling the form: a pause drawn between the two bounds.</summary>
    public Task ThinkAsync() =>
        Task.Delay(thinkMin + TimeSpan.FromMilliseconds(random.NextDouble() * (thinkMax - thinkMin).TotalMilliseconds), stop);

    /// <summary>GET <paramref name="url"/>, expected to answer 200; the page, parsed.</summary>
    public async Task<Html.Page> PageAsync(string step, string url)
    {
        var response = await SendAsync(step, "GET", url, HttpStatusCode.OK, () => browser.GetAsync(url, stop));
        return new Html.Page(response, await Html.ParseAsync(response));
    }

    /// <summary>GET <paramref name="url"/>, expected to redirect; where to.</summary>
    public async Task<string> RedirectAsync(string step, string url) =>
        LocationOf(await SendAsync(step, "GET", url, HttpStatusCode.Redirect, () => browser.GetAsync(url, stop)));

    /// <summary>GETs an address that redirects (where to), or shows its page itself when there is nothing left to wait for (null).</summary>
    public async Task<string?> RedirectOrPageAsync(string step, string url)
    {
        var response = await SendAsync(step, "GET", url, HttpStatusCode.Redirect, () => browser.GetAsync(url, stop), pageIsFine: true);
        return response.StatusCode == HttpStatusCode.OK ? null : LocationOf(response);
    }

    /// <summary>Posts a form of <paramref name="page"/> as a browser would (its antiforgery token included), expected to redirect; where to.</summary>
    public async Task<string> PostFormAsync(string step, Html.Page page, string selector, IReadOnlyDictionary<string, string>? values = null, string? submitName = null, string? submitValue = null)
    {
        var response = await SendAsync(step, "POST", ActionOf(page, selector), HttpStatusCode.Redirect,
            () => browser.SubmitFormAsync(page, selector, values, submitName, submitValue));
        return LocationOf(response);
    }

    /// <summary>Posts a multipart form (answers and files), expected to redirect; where to.</summary>
    public async Task<string> PostMultipartAsync(string step, Html.Page page, string selector, IEnumerable<KeyValuePair<string, string>> values, IEnumerable<Multipart.Upload> files)
    {
        var response = await SendAsync(step, "POST", ActionOf(page, selector), HttpStatusCode.Redirect,
            () => browser.SubmitMultipartAsync(page, selector, values, files));
        return LocationOf(response);
    }

    /// <summary>The form exists on the page (a form missing is a race lost to another user, not an HTTP error).</summary>
    public static bool Has(Html.Page page, string selector) => page.Document.QuerySelector<IHtmlFormElement>(selector) is not null;

    private async Task<HttpResponseMessage> SendAsync(
        string step, string method, string url, HttpStatusCode expected, Func<Task<HttpResponseMessage>> send, bool pageIsFine = false)
    {
        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await send();
            // The whole answer read, as a browser does, before the time is taken.
            await response.Content.LoadIntoBufferAsync(stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            steps.Record(step, started, e.GetType().Name, method, url);
            throw new Broken($"{step}: {e.GetType().Name}");
        }
        var fine = (expected == HttpStatusCode.Redirect ? MixedSteps.IsRedirect(response.StatusCode) : response.StatusCode == expected)
            || (pageIsFine && response.StatusCode == HttpStatusCode.OK);
        steps.Record(step, started, fine ? null : $"{MixedSteps.Describe(response)}, expected {(int)expected}", method, url);
        if (!fine)
        {
            throw new Broken($"{step}: {(int)response.StatusCode}");
        }
        return response;
    }

    private static string ActionOf(Html.Page page, string selector) =>
        page.Document.QuerySelector<IHtmlFormElement>(selector)?.GetAttribute("action") is { Length: > 0 } action
            ? action
            : page.Response.RequestMessage?.RequestUri?.PathAndQuery ?? "?";

    /// <summary>A redirect's target as a path (the sandbox sends the payer back to the portal's absolute address).</summary>
    private static string LocationOf(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new Broken("a redirect without a Location");
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }
}
