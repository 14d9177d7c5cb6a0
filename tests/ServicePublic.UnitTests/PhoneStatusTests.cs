using ServicePublic.Web.Domain.Requests;
using ServicePublic.Web.Features.Requests;
using ServicePublic.Web.Features.Shared;
using ServicePublic.Web.Features.Telephone;
using ServicePublic.Web.Infrastructure.Messaging;

namespace ServicePublic.UnitTests;

/// <summary>A request's status from a basic phone: what is read, and that every SMS fits one 160-character GSM-7 SMS.</summary>
public sealed class PhoneStatusTests
{
    private const string Longest = "TG-2026-99999999";

    [Theory]
    [InlineData("SUIVI TG-2026-00001234 K7P2QX", PhoneQuery.Status)]
    [InlineData("  suivi   tg-2026-00001234   k7p2qx ", PhoneQuery.Status)]
    [InlineData("Suivi TG202600001234 K7P2QX", PhoneQuery.Status)]
    [InlineData("RDV TG-2026-00001234 K7P2QX", PhoneQuery.Appointment)]
    public void ACommand_IsReadAsPeopleTypeIt(string text, PhoneQuery query)
    {
        Assert.Equal(new PhoneCommand(query, "TG-2026-00001234", "K7P2QX"), PhoneCommand.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("bonjour")]
    [InlineData("SUIVI TG-2026-00001234")]
    [InlineData("SUIVI TG-2026-0000123 K7P2QX")]
    [InlineData("SUIVI TG-2026-00001234 K7P2QX extra")]
    [InlineData("STATUT TG-2026-00001234 K7P2QX")]
    public void AnythingElse_IsNotACommand(string text)
    {
        Assert.Null(PhoneCommand.Parse(text));
    }

    [Fact]
    public void Folding_RemovesAccentsAndTypography_IntoGsm7()
    {
        Assert.Equal("Demande deposee - a l'ecole \" oui \" 25 000 FCFA oeuvre", Gsm7.Fold("Demande déposée — à l’école « oui » 25\u202F000\u00A0FCFA œuvre"));
        Assert.False(Gsm7.IsGsm7("contrôle"));
        Assert.True(Gsm7.IsGsm7(Gsm7.Fold("contrôle €")));
    }

    public static TheoryData<string, string> EverySms() => new()
    {
        { "PhoneCode", SmsTexts.PhoneCode("999999", 60) },
        { "SignInCode", SmsTexts.SignInCode("999999", 60) },
        { "EnrolmentCode", SmsTexts.EnrolmentCode("999999", 60) },
        { "PhoneChanged", SmsTexts.PhoneChanged },
        { "LockedOut", SmsTexts.LockedOut },
        { "Filed", SmsTexts.Filed(Longest, "ZZZZZZ") },
        { "StatusChanged", SmsTexts.StatusChanged(Longest, Enum.GetValues<RequestStatus>().Select(RequestLabels.Status).MaxBy(s => s.Length)!) },
        { "OfficeMessage", SmsTexts.OfficeMessage(Longest) },
        { "PaymentReceived", SmsTexts.PaymentReceived(Format.Xof(999_999_999), "RC-2026-99999999", Longest, "ZZZZZZ") },
        { "AppointmentBooked", SmsTexts.AppointmentBooked(SmsTexts.When(LatestHour), LongestPlace, "ZZZZZZ", Longest) },
        { "AppointmentReminder", SmsTexts.AppointmentReminder(SmsTexts.When(LatestHour), LongestPlace, "ZZZZZZ", Longest) },
        { "AppointmentAnswer", SmsTexts.AppointmentAnswer(SmsTexts.When(LatestHour), LongestPlace, "ZZZZZZ", Longest) },
        { "AppointmentCancelled", SmsTexts.AppointmentCancelled(SmsTexts.When(LatestHour), Longest) },
        { "EarlierSlot", SmsTexts.EarlierSlot(SmsTexts.When(LatestHour), LongestPlace, Longest) },
        { "InvitedToBook", SmsTexts.InvitedToBook(Longest) },
        { "NotFound", PhoneReplies.NotFound },
        { "TooMany", PhoneReplies.TooMany },
        { "Appointment", PhoneReplies.Appointment(Request(RequestStatus.Submitted, new string('x', 200))) },
        { "AppointmentFound", PhoneReplies.Appointment(Request(RequestStatus.Submitted, new string('x', 200)) with { Appointment = new(LatestHour, LongestPlace, "ZZZZZZ") }) },
    };

    /// <summary>A place name as long as a place may be (the SMS cuts it).</summary>
    private static readonly string LongestPlace = new('é', ServicePublic.Web.Domain.Appointments.Place.NameMaxLength);

    private static readonly DateTimeOffset LatestHour = new(2026, 12, 31, 23, 45, 0, TimeSpan.Zero);

    [Fact]
    public void TheListAbove_HoldsEveryTextOfSmsTexts()
    {
        var texts = typeof(SmsTexts).GetMembers(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(m => m is System.Reflection.MethodInfo { ReturnType.Name: "String" } or System.Reflection.FieldInfo { FieldType.Name: "String" })
            .Select(m => m.Name).Except([nameof(SmsTexts.When)]).ToHashSet();
        var tested = EverySms().Select(row => (string)row[0]).ToHashSet();

        Assert.Empty(texts.Except(tested));
    }

    [Theory]
    [MemberData(nameof(EverySms))]
    public void EverySmsThePortalSends_IsOneGsm7Sms_AtItsLongest(string template, string text)
    {
        var sent = Gsm7.Fold(text);

        Assert.True(Gsm7.IsGsm7(sent), $"{template}: {sent}");
        Assert.True(sent.Length <= Gsm7.SingleSmsLength, $"{template}: {sent.Length} characters: {sent}");
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public void TheStatusReply_FitsOneSms_NamesTheRequestAndWhatToDoNext_ForEveryStatus(RequestStatus status)
    {
        foreach (var procedure in new[] { "Carte d'importateur", new string('é', 250) })
        {
            var reply = PhoneReplies.Status(Request(status, procedure));

            Assert.True(Gsm7.IsGsm7(reply), reply);
            Assert.True(reply.Length <= Gsm7.SingleSmsLength, $"{reply.Length}: {reply}");
            Assert.StartsWith($"ServicePublic {Longest}", reply, StringComparison.Ordinal);
            Assert.Contains(Gsm7.Fold(RequestLabels.Status(status)), reply, StringComparison.Ordinal);
        }
    }

    public static TheoryData<RequestStatus> Statuses() => [.. Enum.GetValues<RequestStatus>()];

    [Fact]
    public void TheShortProcedureName_IsGivenWhole_ALongOneCut()
    {
        Assert.Contains("(Carte d'importateur)", PhoneReplies.Status(Request(RequestStatus.Submitted, "Carte d'importateur")), StringComparison.Ordinal);
        Assert.Contains("eee.)", PhoneReplies.Status(Request(RequestStatus.Submitted, new string('é', 250))), StringComparison.Ordinal);
    }

    [Fact]
    public void Ussd_GoesScreenByScreen_AndEachScreenFits()
    {
        Assert.Equal((UssdMenu.Welcome, null), UssdMenu.Next(""));
        Assert.Equal((UssdMenu.AskNumber, null), UssdMenu.Next("1"));
        Assert.Equal((UssdMenu.AskCode, null), UssdMenu.Next("1*tg202600001234"));
        Assert.Equal((null, new PhoneCommand(PhoneQuery.Status, "TG-2026-00001234", "K7P2QX")), UssdMenu.Next("1*TG-2026-00001234*k7p2qx"));
        Assert.Equal((null, new PhoneCommand(PhoneQuery.Appointment, "TG-2026-00001234", "K7P2QX")), UssdMenu.Next("2*TG-2026-00001234*K7P2QX"));
        Assert.Equal((UssdMenu.BadNumber, null), UssdMenu.Next("1*1234"));
        Assert.Equal((UssdMenu.BadChoice, null), UssdMenu.Next("3"));
        Assert.Equal((UssdMenu.BadChoice, null), UssdMenu.Next("1*TG-2026-00001234*K7P2QX*9"));
        Assert.All(new[] { UssdMenu.Welcome, UssdMenu.AskNumber, UssdMenu.AskCode, UssdMenu.BadNumber, UssdMenu.BadChoice, "END " + PhoneReplies.NotFound },
            screen => Assert.True(screen.Length <= PhoneReplies.UssdScreenLength && Gsm7.IsGsm7(screen), screen));
    }

    private static TrackingResult Request(RequestStatus status, string procedure) =>
        new(Longest, procedure, status, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(15), DateTimeOffset.UtcNow);
}
