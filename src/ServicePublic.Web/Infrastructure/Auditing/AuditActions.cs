using System.Reflection;

namespace ServicePublic.Web.Infrastructure.Auditing;

/// <summary>
/// The name of every audited action, "entity.past-tense-verb" in English, lowercase and
/// hyphenated. Entries written before this convention keep their former names (the chain
/// cannot change): see the README's audit section for the map.
/// </summary>
public static class AuditActions
{
    // Sign-in and the holder's own account.
    /// <summary>Written when an account is created through the sign-up form.</summary>
    public const string SignedUp = "account.created";
    /// <summary>Written when a sign-in succeeds (password, second factor or SMS code).</summary>
    public const string SignInSucceeded = "account.signed-in";
    /// <summary>Written when a sign-in fails: unknown account, wrong password, code or SMS code.</summary>
    public const string SignInFailed = "account.sign-in-failed";
    /// <summary>Written when too many failures lock the account out.</summary>
    public const string LockedOut = "account.locked-out";
    /// <summary>Written when a signed-in person signs out.</summary>
    public const string SignedOut = "account.signed-out";
    /// <summary>Written when the holder changes their password.</summary>
    public const string PasswordChanged = "account.password-changed";
    /// <summary>Written when a password is reset through the emailed link.</summary>
    public const string PasswordReset = "account.password-reset";
    /// <summary>Written when a reset by email proves an address for the first time and removes the phone (and authenticator) set before it.</summary>
    public const string UnprovenFactorsRemoved = "account.unproven-factors-removed";
    /// <summary>Written when someone tries to sign up with an address that already has an account (the owner is told by email).</summary>
    public const string SignUpRefused = "account.sign-up-refused";
    /// <summary>Written when someone asks for a reset link, for a known or an unknown address.</summary>
    public const string PasswordResetRequested = "account.password-reset-requested";
    /// <summary>Written when a new email address is confirmed.</summary>
    public const string EmailChanged = "account.email-changed";
    /// <summary>Written when a new phone number is confirmed.</summary>
    public const string PhoneChanged = "account.phone-changed";
    /// <summary>Written when the holder changes the name printed on their documents and receipts (details: before → after).</summary>
    public const string NameChanged = "account.name-changed";
    /// <summary>Written when the holder turns the authenticator app on.</summary>
    public const string TwoFactorEnabled = "account.two-factor-enabled";
    /// <summary>Written when the holder turns the authenticator app off.</summary>
    public const string TwoFactorDisabled = "account.two-factor-disabled";
    /// <summary>Written when the holder replaces the authenticator app's key (a new phone).</summary>
    public const string TwoFactorReplaced = "account.two-factor-replaced";
    /// <summary>Written when the holder generates new recovery codes (the old ones stop working).</summary>
    public const string RecoveryCodesRenewed = "account.recovery-codes-renewed";
    /// <summary>Written when the holder closes their account.</summary>
    public const string AccountClosed = "account.closed";

    // Files of personal data taken out of the portal.
    /// <summary>Written when staff export the back office's list of requests as CSV (details: the filter).</summary>
    public const string RequestsExported = "export.requests";
    /// <summary>Written when a supervisor exports a ministry's payments ledger as CSV (details: ministry and period).</summary>
    public const string PaymentsExported = "export.payments";

    // Staff reach.
    /// <summary>Written when a staff page, or a request, receipt or document outside one's ministry or office, is refused (the person sees the usual 403 or 404).</summary>
    public const string StaffAccessRefused = "staff.access-refused";

    // Accounts as administrators manage them.
    /// <summary>Written when an administrator changes a user's roles, ministry or office.</summary>
    public const string RolesChanged = "user.roles-changed";

    // Businesses.
    /// <summary>Written when a representative registers a business.</summary>
    public const string BusinessCreated = "business.created";
    /// <summary>Written when a member invites someone (by email) to represent a business.</summary>
    public const string BusinessInvitationSent = "business.invitation-sent";
    /// <summary>Written when an invited person accepts and joins a business.</summary>
    public const string BusinessMemberAdded = "business.member-added";
    /// <summary>Written when a member leaves a business or is removed from it.</summary>
    public const string BusinessMemberRemoved = "business.member-removed";

    // Requests, as clerks work them in the back office.
    /// <summary>Written when a clerk takes a request for themselves.</summary>
    public const string RequestTaken = "request.taken";
    /// <summary>Written when a supervisor assigns a request to a colleague.</summary>
    public const string RequestAssigned = "request.assigned";
    /// <summary>Written when a clerk starts reviewing a request.</summary>
    public const string RequestReviewStarted = "request.review-started";
    /// <summary>Written when a clerk asks the applicant to correct fields.</summary>
    public const string RequestCorrectionRequested = "request.correction-requested";
    /// <summary>Written when a clerk approves a request (its document is issued with it).</summary>
    public const string RequestApproved = "request.approved";
    /// <summary>Written when a clerk rejects a request.</summary>
    public const string RequestRejected = "request.rejected";
    /// <summary>Written when a clerk writes to the applicant.</summary>
    public const string RequestMessageSent = "request.message-sent";
    /// <summary>Written when a clerk adds an internal note, unseen by the applicant.</summary>
    public const string RequestNoteAdded = "request.note-added";

    // Appointments.
    /// <summary>Written when a clerk marks an applicant present, served or absent at its appointment.</summary>
    public const string AppointmentMarked = "appointment.marked";
    /// <summary>Written when a clerk books an appointment for the applicant at the counter.</summary>
    public const string AppointmentBookedAtCounter = "appointment.booked-at-counter";
    /// <summary>Written when a clerk invites the applicant to book its visit to the counter.</summary>
    public const string AppointmentInvited = "appointment.invited";
    /// <summary>Written when a supervisor creates or changes a place that receives the public.</summary>
    public const string PlaceChanged = "appointment.place-changed";
    /// <summary>Written when a supervisor changes how a procedure's visit to the counter runs.</summary>
    public const string InPersonStepChanged = "appointment.step-changed";

    // Payments.
    /// <summary>Written when an applicant starts paying a request's fees.</summary>
    public const string PaymentStarted = "payment.started";
    /// <summary>Written when a provider's report or the reconciliation changes a payment's status.</summary>
    public const string PaymentStatusChanged = "payment.status-changed";
    /// <summary>Written when a provider reports an amount other than the one due: flagged, not applied.</summary>
    public const string PaymentAnomaly = "payment.anomaly-flagged";
    /// <summary>Written when a provider's callback is refused: unknown provider or payment, another provider's payment, bad signature, oversized (throttled: see the README).</summary>
    public const string CallbackRefused = "payment.callback-refused";
    /// <summary>Written when the payer cancels a pending payment.</summary>
    public const string PaymentCancelled = "payment.cancelled";
    /// <summary>Written when a rejected request's payment is refunded, or left to refund by hand.</summary>
    public const string PaymentRefunded = "payment.refunded";

    // Issued documents.
    /// <summary>Written when a supervisor revokes an issued document.</summary>
    public const string DocumentRevoked = "document.revoked";

    // Targets (management by results).
    /// <summary>Written when a supervisor sets the target delay of a procedure whose published text gives none (old → new days).</summary>
    public const string ProcedureTargetSet = "procedure.target-set";
    /// <summary>Written when a supervisor changes an indicator's baseline or yearly targets (old → new values).</summary>
    public const string IndicatorUpdated = "indicator.updated";

    // The procedure builder.
    /// <summary>Written when an editor creates, duplicates or imports a procedure (details: how).</summary>
    public const string ProcedureCreated = "procedure.created";
    /// <summary>Written when an editor saves a procedure's draft (details: the part changed).</summary>
    public const string ProcedureDraftSaved = "procedure.draft-saved";
    /// <summary>Written when a publisher publishes a draft (details: version number and the drafts of applicants moved).</summary>
    public const string ProcedurePublished = "procedure.published";
    /// <summary>Written when a publisher schedules a draft's publication, or calls it off.</summary>
    public const string ProcedureScheduled = "procedure.scheduled";
    /// <summary>Written when a publisher suspends (with its reason), reactivates or archives a procedure.</summary>
    public const string ProcedureStateChanged = "procedure.state-changed";

    /// <summary>Every name above, for the journal's filter.</summary>
    public static readonly IReadOnlyList<string> All = [.. typeof(AuditActions)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)];
}
