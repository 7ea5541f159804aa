namespace EventSourced.Domain.Enrollments;

/// <summary>
/// Finds the program context of an incoming enrollment (runbook 000, "Enrollment Creation Fails"): a campaign of the
/// user's company for an active program of that programType wins; otherwise the active program of that programType
/// (the oldest, when several are active); otherwise none, and the enrollment is created the legacy way.
/// </summary>
public static class ProgramLookup
{
    /// <summary>Campaign statuses an enrollment can join: the runbook's "won or active".</summary>
    public static IReadOnlySet<string> EnrollableCampaignStatuses { get; } = new HashSet<string>(StringComparer.Ordinal) { "won", "active" };

    /// <param name="lookupDisabled"><c>Programs:DisableProgramLookup</c>: always legacy.</param>
    public static ProgramContext? Find(string programType, Guid? companyId, IReadOnlyCollection<ActiveProgram> activePrograms,
        IReadOnlyCollection<CompanyCampaign> companyCampaigns, bool lookupDisabled)
    {
        if (lookupDisabled)
        {
            return null;
        }

        var programs = activePrograms.Where(p => p.ProgramType == programType).DistinctBy(p => p.ProgramId).ToDictionary(p => p.ProgramId);
        if (companyId is { } company)
        {
            var campaign = companyCampaigns
                .Where(c => c.CompanyId == company && programs.ContainsKey(c.ProgramId) && EnrollableCampaignStatuses.Contains(c.Status))
                .OrderBy(c => c.CreatedAt).ThenBy(c => c.CampaignId)
                .FirstOrDefault();
            if (campaign is not null)
            {
                var program = programs[campaign.ProgramId];
                return new ProgramContext(program.ProgramId, program.ProgramType, program.BeneficiaryGroupId, campaign.CampaignId);
            }
        }

        return programs.Values.OrderBy(p => p.CreatedAt).ThenBy(p => p.ProgramId)
            .Select(p => new ProgramContext(p.ProgramId, p.ProgramType, p.BeneficiaryGroupId, CampaignId: null))
            .FirstOrDefault();
    }
}
