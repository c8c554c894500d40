import Testing

extension Trait where Self == TimeLimitTrait {
    /// The one time limit the suite uses: it catches a test that hangs, nothing else.
    ///
    /// Swift Testing starts every test at once, so a test's clock also runs while it
    /// waits for a core behind hundreds of others: on two busy cores a test that takes
    /// seconds alone has been measured at over 400 s, and limits of 2, 5 and 10 minutes
    /// all failed passing tests in CI. The whole suite takes about 16 minutes there;
    /// this limit is well beyond that and well inside CI's own 90.
    public static var hangGuard: Self { .timeLimit(.minutes(40)) }
}
