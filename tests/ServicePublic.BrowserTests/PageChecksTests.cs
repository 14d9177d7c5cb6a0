using Microsoft.Playwright;
using ServicePublic.TestSupport;
using Xunit.Sdk;

namespace ServicePublic.BrowserTests;

/// <summary>
/// The checks every page goes through (<see cref="PageChecks"/>, run by <see cref="SiteCrawlTests"/>)
/// catch what they are there for: a real page, passing, then broken on purpose the way pages once
/// were, failing.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageChecksTests(BrowserFixture browser)
{
    [Fact]
    public async Task FitCheck_FailsOnTheHeaderAsItWas_WhenTheBusinessesSwitchWidenedEveryPage()
    {
        var user = await browser.Portal.CreateAsync();
        await browser.Portal.CreateBusinessAsync(user);
        var page = await browser.NewPhonePageAsync();
        await page.SignInApplicantAsync(user, "/demandes");
        await PageChecks.AssertFitsThePhoneAsync(page);

        // The rule the header had before issue 16: the select as wide as the company's name and NIF.
        await page.EvaluateAsync("() => { const s = document.querySelector('.acting select'); s.style.flex = 'none'; s.style.minWidth = 'auto'; s.style.maxWidth = 'none'; }");

        var fault = await Assert.ThrowsAnyAsync<XunitException>(() => PageChecks.AssertFitsThePhoneAsync(page));
        Assert.Contains("scrolls sideways on a 360 px screen", fault.Message);
    }

    [Fact]
    public async Task LabelCheck_FailsWhenYesAndNoSitAwayFromTheirButtons()
    {
        var user = await browser.Portal.CreateAsync();
        var draft = await browser.Portal.FileAsync(user, "carte-importateur", submit: false);
        var page = await browser.NewPhonePageAsync();
        await page.SignInApplicantAsync(user, $"/demandes/brouillons/{draft.Id}");
        await PageChecks.AssertChoicesLabelledAsync(page);

        // As the issue found them: the labels pushed to the far side, the circles left bare.
        await page.EvaluateAsync("() => document.querySelectorAll('label[for=\"f-renouvellement-oui\"], label[for=\"f-renouvellement-non\"]').forEach(l => l.style.marginLeft = '40rem')");

        var fault = await Assert.ThrowsAnyAsync<XunitException>(() => PageChecks.AssertChoicesLabelledAsync(page));
        Assert.Contains("radio#f-renouvellement-oui", fault.Message);
    }

    [Fact]
    public async Task AccessibilityCheck_FailsOnAnImageWithoutText()
    {
        var page = await browser.NewPhonePageAsync();
        await page.GotoAsync("/demarches");
        await PageChecks.AssertAccessibleAsync(page);

        await page.EvaluateAsync("() => { const img = document.createElement('img'); img.src = '/favicon.ico'; document.querySelector('main').append(img); }");

        var fault = await Assert.ThrowsAnyAsync<XunitException>(() => PageChecks.AssertAccessibleAsync(page));
        Assert.Contains("image-alt (critical)", fault.Message);
    }
}
