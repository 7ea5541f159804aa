namespace EventSourced.Projections.Integrity;

/// <summary>
/// PostgreSQL's order of read-table keys as the replay and the comparison read them, <c>order by tenant_id collate "C", id</c>:
/// tenants by code point (the byte order of UTF-8, which is what the "C" collation compares), then ids as uuid compares them,
/// byte by byte in their written order (which is not <see cref="Guid.CompareTo(Guid)"/>'s field order).
/// </summary>
internal static class KeyOrder
{
    public static int Compare(string tenantA, Guid idA, string tenantB, Guid idB)
    {
        var tenants = ReferenceEquals(tenantA, tenantB) ? 0 : CompareTenants(tenantA, tenantB);
        return tenants != 0 ? tenants : CompareIds(idA, idB);
    }

    public static int CompareTenants(string a, string b)
    {
        var (left, right) = (a.EnumerateRunes(), b.EnumerateRunes());
        while (true)
        {
            var (moreLeft, moreRight) = (left.MoveNext(), right.MoveNext());
            if (!moreLeft || !moreRight)
            {
                return moreLeft ? 1 : moreRight ? -1 : 0;
            }

            if (left.Current != right.Current)
            {
                return left.Current.Value < right.Current.Value ? -1 : 1;
            }
        }
    }

    public static int CompareIds(Guid a, Guid b)
    {
        Span<byte> left = stackalloc byte[16], right = stackalloc byte[16];
        a.TryWriteBytes(left, bigEndian: true, out _);
        b.TryWriteBytes(right, bigEndian: true, out _);
        return left.SequenceCompareTo(right);
    }
}
