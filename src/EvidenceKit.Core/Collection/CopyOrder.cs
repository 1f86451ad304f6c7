namespace EvidenceKit.Core.Collection;

/// <summary>Which planned files a run copies, and in what order: as plan indices, so the plan stays compact.</summary>
internal static class CopyOrder
{
    /// <summary>
    /// Indices of the planned files the journal does not already hold, the largest first (so the last to finish are
    /// small and the cores stay busy to the end); equal sizes in id order.
    /// </summary>
    public static int[] Of(CollectionPlan plan, ResumedFiles alreadyDone)
    {
        var todo = Enumerable.Range(0, plan.Files.Count)
            .Where(i => !alreadyDone.IsDone(i))
            .ToArray();
        Array.Sort(todo, (a, b) => plan.SizeAt(b).CompareTo(plan.SizeAt(a)) is var larger and not 0 ? larger : a.CompareTo(b));
        return todo;
    }
}
