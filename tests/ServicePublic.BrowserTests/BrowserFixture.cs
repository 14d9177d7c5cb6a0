using Microsoft.Playwright;
using ServicePublic.TestSupport;

namespace ServicePublic.BrowserTests;

/// <summary>The portal on a real loopback port and one headless Chromium (Debian's, not a download), shared by the run.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public PortalFactory Portal { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Portal = new PortalFactory(await TestDatabase.CreateAsync("sp_browser"), kestrel: true);
        Portal.Start();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A phone-sized page, as most citizens see the portal; optionally with JavaScript off.</summary>
    public Task<IPage> NewPhonePageAsync(bool javaScript = true) => NewPageAsync(360, 740, javaScript);

    /// <summary>A desktop-sized page, as staff in an office see the portal.</summary>
    public Task<IPage> NewDesktopPageAsync() => NewPageAsync(1280, 900, javaScript: true);

    private async Task<IPage> NewPageAsync(int width, int height, bool javaScript)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Portal.RootUri.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "fr-FR",
            JavaScriptEnabled = javaScript,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (Portal is not null)
        {
            await Portal.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
