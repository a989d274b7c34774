using System.Numerics;

namespace GradAssert;

/// <summary>
/// A layer that can make independent copies of itself, which lets element-wise checks run on several cores
/// (<see cref="GradCheckOptions.Parallelism"/>). The results are bitwise identical to a serial check.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public interface ICloneableLayer<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// A deep copy: the same parameters (names, shapes and values) in storage of its own, and caches of its own, so
    /// that the copy and the original can run Forward at the same time on different threads.
    /// </summary>
    ILayer<T> Clone();
}
