using System.Runtime.ExceptionServices;

namespace Doppel;

/// <summary>Parallel loops that surface a user-facing <see cref="DoppelException"/> as itself, not wrapped.</summary>
internal static class Parallelism
{
    public static void For(int from, int to, Action<int> body, int? threads = null, CancellationToken cancel = default)
    {
        if (to - from == 1 && !cancel.CanBeCanceled)
        {
            body(from); // one item: no worker to hand it to (a long sequence draws one step at a time)
            return;
        }
        try
        {
            Parallel.For(from, to, new ParallelOptions { MaxDegreeOfParallelism = threads ?? -1, CancellationToken = cancel }, body);
        }
        catch (AggregateException e)
        {
            var inner = e.Flatten().InnerExceptions;
            var first = inner.OfType<DoppelException>().FirstOrDefault() ?? inner[0];
            ExceptionDispatchInfo.Capture(first).Throw();
            throw;
        }
    }
}
