using ServicePublic.Web.Domain.Supervision;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>What <see cref="RoomQueries"/> reads, per procedure, and how it sums them for any part of a scope.</summary>
public sealed partial class RoomQueries
{
    private sealed record ScopeProcedure(int Id, string Slug, string Title, int MinistryId, string MinistryCode, string MinistryName,
        int? OfficeId, string? OfficeCode, string? OfficeName, int? TargetDays);

    /// <summary>The per-procedure facts read, summed for any set of procedures (an office, a ministry, the scope).</summary>
    private sealed class RoomTally(Dictionary<int, DailyRow> daily, Dictionary<int, OpenRow> open, Dictionary<int, DurationHistogram> durations)
    {
        public RoomFigures Of(IEnumerable<int> procedureIds)
        {
            var ids = procedureIds.ToList();
            var d = ids.Select(id => daily.GetValueOrDefault(id)).OfType<DailyRow>().ToList();
            var o = ids.Select(id => open.GetValueOrDefault(id)).OfType<OpenRow>().ToList();
            var histogram = new DurationHistogram();
            foreach (var id in ids)
            {
                if (durations.TryGetValue(id, out var h))
                {
                    histogram.Add(h);
                }
            }
            return new RoomFigures
            {
                ReceivedToday = d.Sum(x => x.ReceivedToday),
                Received7Days = d.Sum(x => x.ReceivedLastWeek),
                Received30Days = d.Sum(x => x.ReceivedLastMonth),
                DecidedToday = d.Sum(x => x.DecidedToday),
                Decided30Days = d.Sum(x => x.DecidedLastMonth),
                Approved30Days = d.Sum(x => x.ApprovedLastMonth),
                DecidedWithTarget30Days = d.Sum(x => x.WithTargetLastMonth),
                DecidedWithinTarget30Days = d.Sum(x => x.WithinTargetLastMonth),
                CollectedToday = d.Sum(x => x.CollectedToday),
                CollectedThisMonth = d.Sum(x => x.CollectedThisMonth),
                Open = o.Sum(x => x.Open),
                AwaitingPayment = o.Sum(x => x.AwaitingPayment),
                ToTake = o.Sum(x => x.ToTake),
                InReview = o.Sum(x => x.InReview),
                AwaitingApplicant = o.Sum(x => x.AwaitingApplicant),
                Overdue = o.Sum(x => x.Overdue),
                Ageing = new AgeingBands(o.Sum(x => x.UpToHalf), o.Sum(x => x.UnderEighty), o.Sum(x => x.EightyToFull), o.Sum(x => x.Over), o.Sum(x => x.NoTarget)),
                Durations = DurationSummary.Of(histogram),
            };
        }
    }

    // Rows of the SQL above (columns in snake_case, as the naming convention maps them).
    private sealed class DailyRow
    {
        public int ProcedureId { get; init; }
        public int ReceivedToday { get; init; }
        public int ReceivedLastWeek { get; init; }
        public int ReceivedLastMonth { get; init; }
        public int DecidedToday { get; init; }
        public int DecidedLastMonth { get; init; }
        public int ApprovedLastMonth { get; init; }
        public int WithTargetLastMonth { get; init; }
        public int WithinTargetLastMonth { get; init; }
        public long CollectedToday { get; init; }
        public long CollectedThisMonth { get; init; }
    }

    private sealed class OpenRow
    {
        public int ProcedureId { get; init; }
        public int Open { get; init; }
        public int AwaitingPayment { get; init; }
        public int ToTake { get; init; }
        public int InReview { get; init; }
        public int AwaitingApplicant { get; init; }
        public int Overdue { get; init; }
        public int UpToHalf { get; init; }
        public int UnderEighty { get; init; }
        public int EightyToFull { get; init; }
        public int Over { get; init; }
        public int NoTarget { get; init; }
    }

    private sealed class DurationRow
    {
        public int ProcedureId { get; init; }
        public int Days { get; init; }
        public long Decisions { get; init; }
    }

    private sealed class ActivityRow
    {
        public long Id { get; init; }
        public DateTimeOffset At { get; init; }
        public int ProcedureId { get; init; }
        public string? TrackingNumber { get; init; }
        public string Kind { get; init; } = "";
    }

    private sealed class LoadRow
    {
        public string ClerkId { get; init; } = "";
        public int Open { get; init; }
        public int InReview { get; init; }
        public int Decided { get; init; }
    }
}
