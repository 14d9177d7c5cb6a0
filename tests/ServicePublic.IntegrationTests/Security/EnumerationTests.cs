using System.Net;
using ServicePublic.IntegrationTests.Accounts;
using ServicePublic.TestSupport;

namespace ServicePublic.IntegrationTests.Security;

/// <summary>
/// Sign-up, sign-in, password reset and the SMS code answer alike whether the account is unknown,
/// exists, is unconfirmed or locked: same status, redirect and page (antiforgery tokens and tickets
/// aside), and the same messages to whatever destination the visitor typed; only the owner is told more.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class EnumerationTests(PortalFixture portal)
{
    public enum State { Unknown, Existing, Unconfirmed, Locked }

    private const string WrongPassword = "pas le bon mot de passe du tout";

    private static readonly State[] States = Enum.GetValues<State>();

    private PortalFactory Portal => portal.Factory;

    [Fact]
    public async Task SignUp_AnswersAlike_AndTextsTheSameToThePhoneTyped_WhateverTheAddressTyped()
    {
        var attackersPhone = TestAccounts.NewPhone();
        var answers = new List<string>();
        var texts = new List<string>();
        var ownersTold = new List<bool>();
        foreach (var state in States)
        {
            var (email, _) = await AccountInAsync(state);
            var visitor = Portal.NewVisitor();
            var before = await Portal.LastMessageIdAsync();

            var form = await visitor.GetPageAsync("/compte/inscription");
            var sent = await visitor.SubmitFormAsync(form, "form#signup", new Dictionary<string, string>
            {
                ["FullName"] = "Komi Curieux",
                ["Email"] = email,
                ["Phone"] = attackersPhone,
                ["Password"] = TestAccounts.Password,
                ["ConfirmPassword"] = TestAccounts.Password,
                ["AcceptTerms"] = "true",
            });
            var messages = await Portal.MessagesSinceAsync(before);
            var toAttacker = messages.Where(m => m.Recipient == attackersPhone).ToList();
            var code = toAttacker.Select(m => TestAccounts.CodeIn(m.Body)).LastOrDefault() ?? "123456";
            var check = new Html.Page(sent, await Html.ParseAsync(sent));
            var wrong = await visitor.SubmitFormAsync(check, "form#confirm-phone", new Dictionary<string, string> { ["Code"] = code == "000000" ? "111111" : "000000" });
            var right = await visitor.SubmitFormAsync(check, "form#confirm-phone", new Dictionary<string, string> { ["Code"] = code });

            answers.Add(string.Join("\n---\n", [
                await AccountStates.NormalizedAsync(sent, email),
                await AccountStates.NormalizedAsync(wrong, email),
                await AccountStates.NormalizedAsync(right, email)]));
            texts.Add(string.Join("\n", toAttacker.Select(m => m.Subject + " " + AccountStates.WithoutSecrets(m.Body))));
            ownersTold.Add(messages.Any(m => m.Recipient == email && m.Subject?.Contains("Tentative d'inscription", StringComparison.Ordinal) == true));
        }

        Assert.Single(answers.Distinct());
        Assert.Single(texts.Distinct());
        Assert.Contains("code de confirmation", texts[0]);
        Assert.Equal([false, true, true, true], ownersTold);
    }

    [Fact]
    public async Task SignIn_AnswersAlike_ForUnknownExistingUnconfirmedAndLockedAccounts()
    {
        (State State, bool RightPassword)[] tries =
        [
            (State.Unknown, false), (State.Existing, false), (State.Unconfirmed, false),
            (State.Unconfirmed, true), (State.Locked, false), (State.Locked, true),
        ];
        var answers = new List<string>();
        foreach (var (state, rightPassword) in tries)
        {
            var (email, _) = await AccountInAsync(state, phoneConfirmed: false);
            var before = await Portal.LastMessageIdAsync();

            var answer = await Portal.NewVisitor().SignInAsync(email, rightPassword ? TestAccounts.Password : WrongPassword);
            var messages = await Portal.MessagesSinceAsync(before);

            answers.Add(await AccountStates.NormalizedAsync(answer, email));
            // Nothing goes anywhere but to the account's own address: a fresh confirmation link to
            // whoever knows the password of an unconfirmed account, and nothing else.
            Assert.All(messages, m => Assert.Equal(email, m.Recipient));
            Assert.Equal(state == State.Unconfirmed && rightPassword ? 1 : 0, messages.Count(m => m.Body.Contains("confirmer-email", StringComparison.Ordinal)));
        }

        Assert.Single(answers.Distinct());
        Assert.Equal(HttpStatusCode.OK, (await Portal.NewVisitor().SignInAsync(TestAccounts.NewEmail(), WrongPassword)).StatusCode);
    }

    [Fact]
    public async Task SignIn_TellsTheOwnerOnce_WhenTheAccountLocks()
    {
        var user = await Portal.CreateAsync();
        var visitor = Portal.NewVisitor();
        var before = await Portal.LastMessageIdAsync();

        for (var i = 0; i < 7; i++)
        {
            await visitor.SignInAsync(user.Email!, WrongPassword + i);
        }
        var messages = await Portal.MessagesSinceAsync(before);

        var notice = Assert.Single(messages);
        Assert.Equal(user.Email, notice.Recipient);
        Assert.Contains("bloqué", notice.Subject);
        Assert.Contains("/compte/mot-de-passe-oublie", notice.Body);
    }

    [Fact]
    public async Task ForgotPassword_AnswersAlike_AndWritesOnlyToTheAddressTyped()
    {
        var answers = new List<string>();
        foreach (var state in States)
        {
            var (email, _) = await AccountInAsync(state);
            var visitor = Portal.NewVisitor();
            var before = await Portal.LastMessageIdAsync();

            var forgot = await visitor.GetPageAsync("/compte/mot-de-passe-oublie");
            var answer = await visitor.SubmitFormAsync(forgot, "form#forgot", new Dictionary<string, string> { ["Email"] = email });
            var messages = await Portal.MessagesSinceAsync(before);

            answers.Add(await AccountStates.NormalizedAsync(answer, email));
            Assert.All(messages, m => Assert.Equal(email, m.Recipient));
            Assert.Equal(state == State.Unknown ? 0 : 1, messages.Count);
        }

        Assert.Single(answers.Distinct());
    }

    [Fact]
    public async Task SmsCode_AnswersAlike_ForUnknownExistingUnconfirmedAndLockedNumbers()
    {
        var answers = new List<string>();
        foreach (var state in States)
        {
            var (_, phone) = await AccountInAsync(state);
            var visitor = Portal.NewVisitor();
            var before = await Portal.LastMessageIdAsync();

            var request = await visitor.GetPageAsync("/compte/connexion/sms");
            var sent = await visitor.SubmitFormAsync(request, "form#sms-request", new Dictionary<string, string> { ["Phone"] = phone });
            var messages = await Portal.MessagesSinceAsync(before);
            var code = messages.Select(m => TestAccounts.CodeIn(m.Body)).LastOrDefault();
            var codePage = new Html.Page(sent, await Html.ParseAsync(sent));
            var wrong = await visitor.SubmitFormAsync(codePage, "form#sms-code", new Dictionary<string, string> { ["Code"] = code == "000000" ? "111111" : "000000" });

            answers.Add(await AccountStates.NormalizedAsync(sent, phone) + "\n---\n" + await AccountStates.NormalizedAsync(wrong, phone));
            Assert.All(messages, m => Assert.Equal(phone, m.Recipient));
            // A code only where it can sign in: an unconfirmed email or a lock sends nothing.
            Assert.Equal(state == State.Existing ? 1 : 0, messages.Count);
        }

        Assert.Single(answers.Distinct());
    }

    /// <summary>
    /// An email and a phone in the given state. Unconfirmed: the email is not; the phone is, unless
    /// <paramref name="phoneConfirmed"/> is false (a phone confirmed by SMS lets a password sign in).
    /// </summary>
    private async Task<(string Email, string Phone)> AccountInAsync(State state, bool phoneConfirmed = true)
    {
        var phone = TestAccounts.NewPhone();
        switch (state)
        {
            case State.Unknown:
                return (TestAccounts.NewEmail(), phone);
            case State.Existing:
                return ((await Portal.CreateAsync(phone: phone)).Email!, phone);
            case State.Unconfirmed:
                var unconfirmed = await Portal.CreateUnconfirmedAsync(phoneConfirmed ? phone : null);
                return (unconfirmed.Email!, phone);
            default:
                var locked = await Portal.CreateAsync(phone: phone);
                await Portal.LockAsync(locked);
                return (locked.Email!, phone);
        }
    }
}
