using System.Globalization;
using Messaging.Core.Accounts;
using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Moderation.Reports;

/// <summary>One page of cases; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record ReportPage(IReadOnlyList<ReportView> Items, string? NextCursor);

/// <summary>
/// The administrators' queue: one item per case (its first report, with every reporter, the evidence, how often the
/// reported person was reported before and, once resolved, who decided). Open cases come oldest first, so nothing waits forever; resolved ones most
/// recently resolved first.
/// </summary>
public sealed class ReportQueue(IDbContextFactory<MessagingDbContext> dbFactory, ReportEvidence evidence)
{
    public async Task<ReportPage> ListAsync(Guid adminId, ReportStatus status, int? limit, string? cursor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await UserVerificationHandler.RequireAdminAsync(db, adminId, cancellationToken);
        var take = Limits.Clamp(limit, Limits.DefaultReportPage, Limits.MaxReportPage);
        var skip = 0;
        if (!string.IsNullOrEmpty(cursor) && (!int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out skip) || skip < 0))
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "cursor");
        }

        var cases = db.Set<Report>().AsNoTracking().Where(r => r.Id == r.CaseId && r.Status == status);
        cases = status == ReportStatus.Open
            ? cases.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            : cases.OrderByDescending(r => r.ResolvedAt).ThenByDescending(r => r.Id);
        var rows = await cases.Skip(skip).Take(take + 1).ToListAsync(cancellationToken);
        var next = rows.Count > take ? (skip + take).ToString(CultureInfo.InvariantCulture) : null;
        var page = rows.Take(take).ToArray();
        return new ReportPage(await DescribeAsync(db, page, cancellationToken), next);
    }

    /// <summary>The case of a report as the queue shows it.</summary>
    internal async Task<ReportView> DescribeAsync(MessagingDbContext db, Report first, CancellationToken cancellationToken) =>
        (await DescribeAsync(db, [first], cancellationToken))[0];

    private async Task<IReadOnlyList<ReportView>> DescribeAsync(MessagingDbContext db, IReadOnlyList<Report> firsts, CancellationToken cancellationToken)
    {
        var caseIds = firsts.Select(r => r.Id).ToArray();
        var filings = await db.Set<Report>().AsNoTracking().Where(r => caseIds.Contains(r.CaseId))
            .Select(r => new { r.Id, r.CaseId, r.ReporterId, r.Reason, r.Comment, r.CreatedAt }).ToListAsync(cancellationToken);
        var people = filings.Select(f => f.ReporterId)
            .Concat(firsts.Where(r => r.UserId is not null).Select(r => r.UserId!.Value))
            .Concat(firsts.Where(r => r.ResolvedById is not null).Select(r => r.ResolvedById!.Value))
            .Distinct().ToArray();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).Select(u => new { u.Id, u.Name, u.DeletedAt })
            .ToDictionaryAsync(u => u.Id, u => DataRights.DeletedAccount.NameOf(u.Name, u.DeletedAt), cancellationToken);
        var views = new List<ReportView>(firsts.Count);
        foreach (var first in firsts)
        {
            var earlier = first.UserId is { } person
                ? await db.Set<Report>().CountAsync(r => r.Id == r.CaseId && r.UserId == person && r.CreatedAt < first.CreatedAt, cancellationToken)
                : 0;
            views.Add(ReportView.Of(first, evidence.Open(first.Id, first.Evidence)) with
            {
                Reporters = filings.Where(f => f.CaseId == first.Id).OrderBy(f => f.CreatedAt)
                    .Select(f => new ReporterView(f.Id, f.ReporterId, names.GetValueOrDefault(f.ReporterId, ""), f.Reason, f.Comment, f.CreatedAt)).ToArray(),
                UserName = first.UserId is { } id ? names.GetValueOrDefault(id) : null,
                EarlierReports = earlier,
                ResolvedById = first.ResolvedById,
                ResolvedByName = first.ResolvedById is { } resolver ? names.GetValueOrDefault(resolver, "") : null,
            });
        }

        return views;
    }
}
