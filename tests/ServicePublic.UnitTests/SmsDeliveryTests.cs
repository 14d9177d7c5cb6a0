using ServicePublic.Web.Domain.Messaging;
using ServicePublic.Web.Infrastructure.Messaging;

namespace ServicePublic.UnitTests;

/// <summary>An outbox message's sending and an SMS's delivery receipts: what each changes, and what a repeat changes (nothing).</summary>
public sealed class SmsDeliveryTests
{
    private const string Code = "ServicePublic : votre code de connexion est 482913.";

    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private static OutboxMessage SentSms(string? providerId = "prov-1")
    {
        var sms = OutboxMessage.Sms("+22890000001", Code, Now);
        sms.MarkSent(Now, providerId);
        return sms;
    }

    [Fact]
    public void AnEmail_IsErasedOnceSent_AndHasNoDeliveryState()
    {
        var email = OutboxMessage.Email("afi@exemple.tg", "Objet", "Lien secret", Now);

        email.MarkSent(Now, "ignored");

        Assert.Equal(OutboxMessage.ErasedBody, email.Body);
        Assert.Null(email.Delivery);
        Assert.Null(email.ProviderMessageId);
        Assert.False(email.ApplyReceipt(SmsDelivery.Failed, null, Now));
        Assert.Equal(OutboxStatus.Sent, email.Status);
    }

    [Fact]
    public void AnSmsAcceptedUnderAnId_KeepsItsBody_UntilDelivered()
    {
        var sms = SentSms();

        Assert.True(sms.AwaitsReceipt);
        Assert.Equal((SmsDelivery.Sent, "prov-1", Code), (sms.Delivery!.Value, sms.ProviderMessageId!, sms.Body));

        Assert.True(sms.ApplyReceipt(SmsDelivery.Delivered, null, Now.AddSeconds(5)));

        Assert.Equal(SmsDelivery.Delivered, sms.Delivery);
        Assert.Equal(Now.AddSeconds(5), sms.DeliveryReportedAt);
        Assert.Equal(OutboxMessage.ErasedBody, sms.Body);
        Assert.Equal(OutboxStatus.Sent, sms.Status);
        Assert.False(sms.AwaitsReceipt);
    }

    [Fact]
    public void AnSmsWithoutAProviderId_OrWithOneTooLongToStore_IsErasedAtOnce_AndAwaitsNoReceipt()
    {
        var noId = SentSms(providerId: null);
        var tooLong = SentSms(providerId: new string('x', OutboxMessage.ProviderMessageIdMaxLength + 1));

        Assert.All([noId, tooLong], sms =>
        {
            Assert.Equal(OutboxMessage.ErasedBody, sms.Body);
            Assert.Null(sms.ProviderMessageId);
            Assert.Equal(SmsDelivery.Sent, sms.Delivery);
            Assert.False(sms.AwaitsReceipt);
        });
    }

    [Fact]
    public void WhereTheOutboxIsTheMailbox_ADeliveredSms_KeepsItsBody()
    {
        var sms = OutboxMessage.Sms("+22890000001", Code, Now);
        sms.MarkSent(Now, "dev-1", keepBody: true);

        sms.ApplyReceipt(SmsDelivery.Delivered, null, Now, keepBody: true);

        Assert.Equal(Code, sms.Body);
        Assert.Equal(SmsDelivery.Delivered, sms.Delivery);
    }

    [Fact]
    public void AFailedReceipt_PutsTheSmsBackToPending_WithTheGrowingDelay_AndItsAttemptCountedOnce()
    {
        var sms = SentSms();

        Assert.True(sms.ApplyReceipt(SmsDelivery.Failed, "abonne injoignable", Now));
        var firstRetry = sms.NextAttemptAt;
        sms.MarkSent(Now.AddMinutes(1), "prov-2");
        sms.ApplyReceipt(SmsDelivery.Failed, null, Now.AddMinutes(2));

        Assert.Equal(Now.AddMinutes(1), firstRetry);
        Assert.Equal(OutboxStatus.Pending, sms.Status);
        Assert.Equal(2, sms.Attempts);
        Assert.Equal(Now.AddMinutes(2 + 2), sms.NextAttemptAt);
        Assert.Equal(Code, sms.Body);
        Assert.Equal(SmsDelivery.Failed, sms.Delivery);
        Assert.Null(sms.DeliveryError);
        Assert.Equal(OutboxMessage.FailedReceipt, sms.LastError);
    }

    [Fact]
    public void AFailedReceipt_KeepsTheProvidersError_AndANewSendClearsIt()
    {
        var sms = SentSms();

        sms.ApplyReceipt(SmsDelivery.Failed, "abonne injoignable", Now);
        var error = (sms.DeliveryError, sms.LastError);
        sms.MarkSent(Now.AddMinutes(1), "prov-2");

        Assert.Equal(("abonne injoignable", "abonne injoignable"), error);
        Assert.Equal((SmsDelivery.Sent, "prov-2", null, null), (sms.Delivery!.Value, sms.ProviderMessageId!, sms.DeliveryError, sms.DeliveryReportedAt));
    }

    [Fact]
    public void AFailedReceipt_AtTheLastAttempt_GivesUp_AndErasesTheBody()
    {
        var sms = OutboxMessage.Sms("+22890000001", Code, Now);
        for (var attempt = 1; attempt < OutboxMessage.MaxAttempts; attempt++)
        {
            sms.MarkFailed("passerelle indisponible", Now);
        }
        sms.MarkSent(Now, "prov-8");

        sms.ApplyReceipt(SmsDelivery.Failed, null, Now);

        Assert.Equal(OutboxStatus.Failed, sms.Status);
        Assert.Equal(OutboxMessage.MaxAttempts, sms.Attempts);
        Assert.Equal(OutboxMessage.ErasedBody, sms.Body);
    }

    [Fact]
    public void AFailedReceipt_ForAnSmsWhoseBodyIsErased_GivesUp()
    {
        var sms = SentSms(providerId: null);

        Assert.True(sms.ApplyReceipt(SmsDelivery.Failed, null, Now));

        Assert.Equal(OutboxStatus.Failed, sms.Status);
        Assert.Equal(1, sms.Attempts);
    }

    [Theory]
    [InlineData(SmsDelivery.Delivered)]
    [InlineData(SmsDelivery.Failed)]
    [InlineData(SmsDelivery.Sent)]
    public void TheSameReceiptTwice_ChangesNothing(SmsDelivery reported)
    {
        var sms = SentSms();
        sms.ApplyReceipt(reported, "abonne injoignable", Now);
        var after = Snapshot(sms);

        Assert.False(sms.ApplyReceipt(reported, "autre erreur", Now.AddMinutes(10)));

        Assert.Equal(after, Snapshot(sms));
    }

    [Theory]
    [InlineData(SmsDelivery.Failed)]
    [InlineData(SmsDelivery.Sent)]
    public void ADeliveredSms_StaysDelivered(SmsDelivery late)
    {
        var sms = SentSms();
        sms.ApplyReceipt(SmsDelivery.Delivered, null, Now);
        var after = Snapshot(sms);

        Assert.False(sms.ApplyReceipt(late, "abonne injoignable", Now.AddMinutes(1)));

        Assert.Equal(after, Snapshot(sms));
    }

    [Fact]
    public void ASentReceipt_AfterAFailure_ChangesNothing_ADeliveredOne_EndsTheRetry()
    {
        var sms = SentSms();
        sms.ApplyReceipt(SmsDelivery.Failed, null, Now);
        var failed = Snapshot(sms);

        Assert.False(sms.ApplyReceipt(SmsDelivery.Sent, null, Now.AddSeconds(1)));
        Assert.Equal(failed, Snapshot(sms));
        Assert.True(sms.ApplyReceipt(SmsDelivery.Delivered, null, Now.AddSeconds(2)));

        Assert.Equal((OutboxStatus.Sent, SmsDelivery.Delivered, OutboxMessage.ErasedBody), (sms.Status, sms.Delivery!.Value, sms.Body));
    }

    [Fact]
    public void AnSmsNotYetSent_TakesNoReceipt()
    {
        var sms = OutboxMessage.Sms("+22890000001", Code, Now);

        Assert.False(sms.ApplyReceipt(SmsDelivery.Delivered, null, Now));

        Assert.Equal((OutboxStatus.Pending, Code), (sms.Status, sms.Body));
    }

    [Theory]
    [InlineData("delivered", SmsDelivery.Delivered)]
    [InlineData("DELIVERED", SmsDelivery.Delivered)]
    [InlineData("Failed", SmsDelivery.Failed)]
    [InlineData("sent", SmsDelivery.Sent)]
    [InlineData("expired", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void AReceiptsStatus_IsReadInAnyCase_AndNothingElseIsOne(string? status, SmsDelivery? expected) =>
        Assert.Equal(expected, SmsReceipts.ParseStatus(status));

    private static object Snapshot(OutboxMessage m) =>
        (m.Status, m.Delivery, m.DeliveryReportedAt, m.DeliveryError, m.Attempts, m.NextAttemptAt, m.LastError, m.Body);
}
