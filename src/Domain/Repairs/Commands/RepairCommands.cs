namespace EventSourced.Domain.Repairs.Commands;

/// <summary>Release a reservation still held although its approval was rejected (<see cref="FindingKinds.DanglingReservation"/>).</summary>
public sealed record ReleaseDanglingReservation(Guid ReservationId, Repair Repair);

/// <summary>Create the order an approved approval should have created (<see cref="FindingKinds.ApprovalWithoutOrder"/>).</summary>
public sealed record CreateMissingOrder(Guid ApprovalId, Repair Repair);

/// <summary>Open the approval a campaign at 90 % or more never got (<see cref="FindingKinds.CampaignWithoutApproval"/>).</summary>
public sealed record RequestMissingApproval(Guid CampaignId, Repair Repair);

/// <summary>Drop an enrollment's references to a program or campaign that has no stream (<see cref="FindingKinds.OrphanedEnrollment"/>).</summary>
public sealed record UnlinkOrphanedEnrollment(Guid EnrollmentId, Repair Repair);
