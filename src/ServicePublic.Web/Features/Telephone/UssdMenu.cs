namespace ServicePublic.Web.Features.Telephone;

/// <summary>
/// The USSD session, in the aggregators' common protocol: each request carries everything typed so
/// far, joined by "*" ("1*TG-2026-00001234*K7P2QX"), and the answer starts with CON (another
/// screen follows) or END (the session ends). Three screens ask, the fourth answers; each is at
/// most <see cref="PhoneReplies.UssdScreenLength"/> characters.
/// </summary>
public static class UssdMenu
{
    public const string Welcome = "CON ServicePublic\n1 Suivre une demande\n2 Mon rendez-vous";
    public const string AskNumber = "CON Numero de suivi (sur le recu, ex: TG-2026-00001234) :";
    public const string AskCode = "CON Code de controle (6 caracteres, sur le recu) :";
    public const string BadNumber = "END Numero de suivi illisible. Il commence par TG, ex: TG-2026-00001234. Recommencez.";
    public const string BadChoice = "END Choix inconnu. Recommencez et tapez 1 ou 2.";

    /// <summary>The next screen, or the command to answer once both number and code are typed.</summary>
    public static (string? Screen, PhoneCommand? Command) Next(string? text)
    {
        var steps = (text ?? "").Split('*', StringSplitOptions.TrimEntries);
        if (steps is [""])
        {
            return (Welcome, null);
        }
        var query = steps[0] switch { "1" => PhoneQuery.Status, "2" => PhoneQuery.Appointment, _ => (PhoneQuery?)null };
        if (query is null || steps.Length > 3)
        {
            return (BadChoice, null);
        }
        if (steps.Length == 1)
        {
            return (AskNumber, null);
        }
        if (PhoneCommand.TrackingNumberOf(steps[1]) is not { } number)
        {
            return (BadNumber, null);
        }
        if (steps.Length == 2)
        {
            return (AskCode, null);
        }
        // A code that is not six letters and digits matches nothing: the same "not found" as a wrong one.
        return (null, new PhoneCommand(query.Value, number, steps[2].ToUpperInvariant()));
    }
}
