/**
 * Java counterparts of the 27 reference endpoints in {@code shared/seeds/} (issue #2): each is
 * exposed by a real child actor and driven by a test in the same package of the test sources,
 * which asserts what the reference asserts or implies.
 *
 * <p>Endpoints are grouped by theme, one class each; small classes beside them hold fake data
 * and helpers ({@link io.jtractor.examples.seeds.Brokerd} messages,
 * {@link io.jtractor.examples.seeds.Quote}s, a foreign-thread link, fuzzy matching). Module
 * globals of the reference become static fields, and plain endpoints let a parent read them.
 *
 * <table>
 * <caption>Seed, Java counterpart, test</caption>
 * <tr><th>#</th><th>Counterpart</th><th>Test</th></tr>
 * <tr><td>1</td><td>{@code Streamers#infiniteStreamer}</td>
 *     <td>{@code StreamersTest#infiniteStreamerStopsAtTheSentinelAndLosesNothing}</td></tr>
 * <tr><td>2</td><td>{@code PingPong#simpleRpc}</td>
 *     <td>{@code PingPongTest#explicitReceiveServerAnswersTenPingsAndRejectsFewer}</td></tr>
 * <tr><td>3</td><td>{@code ContextLifecycle#cancelSelf}</td>
 *     <td>{@code ContextLifecycleTest#calleeThatCancelsItselfRaisesContextCancelledNamingItself}
 *     </td></tr>
 * <tr><td>4</td><td>{@code Subscriptions#subscribe} (with {@code #publisher})</td>
 *     <td>{@code SubscriptionsTest#subscribersGetEveryValueOfTheirTopicsAndNothingElse},
 *     {@code #unknownTopicFailsTheSubscription}</td></tr>
 * <tr><td>5</td><td>{@code ClusterWorker#worker}</td>
 *     <td>{@code ClusterWorkerTest#clusterReceivesEveryMessageSentRoundRobinAtFullSpeed}</td></tr>
 * <tr><td>6</td><td>{@code Echoes#echoBackSequence}</td>
 *     <td>{@code EchoesTest#echoBackSequenceEchoesThreeRoundsWhateverItsBufferSize}</td></tr>
 * <tr><td>7</td><td>{@code OhlcSampler#iterOhlcPeriods} (with {@code #broadcastStep})</td>
 *     <td>{@code OhlcSamplerTest#subscribersGetTheStepsOfTheirPeriodUntilTheirContextEnds}
 *     </td></tr>
 * <tr><td>8</td><td>{@code PingPong#streamAndServeRequests}</td>
 *     <td>{@code PingPongTest#requestResponseAndStreamingShareOneStream}</td></tr>
 * <tr><td>9</td><td>{@code Echoes#echoCtxStream}</td>
 *     <td>{@code EchoesTest#echoServerSendsBackEveryMessageUnchanged}</td></tr>
 * <tr><td>10</td><td>{@code TerminalLock#lockTerminalForChild} (lock dialog only)</td>
 *     <td>{@code TerminalLockTest#secondRequesterWaitsUntilTheHolderUnlocks},
 *     {@code #cancelledHolderReleasesTheTerminal}</td></tr>
 * <tr><td>11</td><td>{@code ContextLifecycle#closeCtxImmediately}</td>
 *     <td>{@code ContextLifecycleTest#calleeThatClosesItsStreamAtOnceEndsTheParentsIteration}
 *     </td></tr>
 * <tr><td>12</td><td>{@code ContextLifecycle#notStartedButStreamOpened}</td>
 *     <td>{@code ContextLifecycleTest#streamOpenedBeforeStartedFailsInTheChildAndReachesTheParent}
 *     </td></tr>
 * <tr><td>13</td><td>{@code Streamers#streamer}</td>
 *     <td>{@code StreamersTest#streamerDeliversItsWholeSequenceInOrderThenEnds}</td></tr>
 * <tr><td>14</td><td>{@code ForeignEcho#echoUntilSentinel} (link to a foreign thread: a
 *     stand-in)</td>
 *     <td>{@code ForeignEchoTest#foreignLoopEchoesUntilTheNullSentinelEndsIt}</td></tr>
 * <tr><td>15</td><td>{@code Echoes#echoSequences}</td>
 *     <td>{@code EchoesTest#echoedSequenceFansOutToEveryLocalSubscriber},
 *     {@code #slowSubscriberLagsOutThenResumesFromTheOldestRetainedValue}</td></tr>
 * <tr><td>16</td><td>{@code ForeignEcho#echoUntilClosed} (link to a foreign thread: a
 *     stand-in)</td>
 *     <td>{@code ForeignEchoTest#foreignLoopEchoesUntilTheParentLeavesAndEndsWithTheContext}
 *     </td></tr>
 * <tr><td>17</td><td>{@code Streamers#keepSendingFromCallee}</td>
 *     <td>{@code StreamersTest#calleeAheadOfAParentThatDoesNotReadIsHeldBackNotOverrun}</td></tr>
 * <tr><td>18</td><td>{@code PaperTrading#tradesDialogue}</td>
 *     <td>{@code PaperTradingTest#limitOrdersAreAckedThenFilledWhenCrossedAndOpenOnesCancel}
 *     </td></tr>
 * <tr><td>19</td><td>{@code ContextLifecycle#expectCancelled}</td>
 *     <td>{@code ContextLifecycleTest#parentCancelEndsTheWaitingEchoServerAndIsAbsorbed},
 *     {@code #cancelFromAnotherParentTaskEndsTheStreamAndIsAbsorbed}</td></tr>
 * <tr><td>20</td><td>{@code PingPong#simpleRpcWithForLoop}</td>
 *     <td>{@code PingPongTest#forLoopServerAnswersTenPingsAndRejectsAnythingButPing}</td></tr>
 * <tr><td>21</td><td>{@code SymbolSearch#binanceSymbolSearch}</td>
 *     <td>{@code SymbolSearchTest#concurrentSearchesShareOneCachedClientAndAnswerEachPattern}
 *     </td></tr>
 * <tr><td>22</td><td>{@code PingPong#simpleRpcWithForLoop}</td>
 *     <td>{@code PingPongTest#forLoopServerAnswersTenPingsAndRejectsAnythingButPing}</td></tr>
 * <tr><td>23</td><td>{@code SymbolSearch#krakenSymbolSearch}</td>
 *     <td>{@code SymbolSearchTest#krakenSearchReportsItsSymbolTableFirst}</td></tr>
 * <tr><td>24</td><td>{@code ContextLifecycle#sleepForever}</td>
 *     <td>{@code ContextLifecycleTest#sleepingCalleeEndsOnContextCancelOrActorCancel}</td></tr>
 * <tr><td>25</td><td>{@code KrakenTrades#tradesDialogue}</td>
 *     <td>{@code KrakenTradesTest#withoutAnApiKeyTheDialogFallsBackToPaperTrading},
 *     {@code #withAnApiKeyOrdersAreFilledFromOwnTradeEvents}</td></tr>
 * <tr><td>26</td><td>{@code FeedBus#openFeedBus} (with {@code #openBrokerdService})</td>
 *     <td>{@code FeedBusTest#pauseStopsTheQuotesUntilResumeAndUnknownControlFails},
 *     {@code #feedIsSharedBySubscribersAndOutlivesThemUntilTheServiceEnds},
 *     {@code #throttledSubscriberGetsOnlyTheNewestQuotesAtABoundedRate}</td></tr>
 * <tr><td>27</td><td>{@code Cascade#cascade} (context and stream dialog only)</td>
 *     <td>{@code CascadeTest#cascadeFollowsSourceStepsAndResyncsAfterABackfill},
 *     {@code #zeroOnStepAppendsZeroRowsAndUnknownProcessorsFailToOpen}</td></tr>
 * </table>
 *
 * <p>Where the Java counterparts differ from the reference, on purpose or for now:
 * <ul>
 * <li>#5, #6, #17: the runtime's default flow control blocks a sender that would overrun its
 *     receiver, which is what the reference's {@code backpressure=True} asked for. The
 *     reference's overrun policy (the receiver drops and the sender gets
 *     {@code StreamOverrun}) and {@code allowOverruns} are not offered by the runtime yet, so
 *     #17's counterpart asserts the blocking behaviour: nothing is lost, and a callee ahead of
 *     a parent that does not read waits without stalling the connection.
 * <li>#10: only the lock dialog; attaching a debugger to the terminal comes with debug mode.
 * <li>#14, #16: the runtime has no linked channel to a task outside its own yet; a
 *     {@code ForeignLink} over JDK queues and a platform thread stands in for it.
 * <li>#27: shared-memory arrays come with an issue of their own; token-named arrays local to
 *     the actor, read and written through plain endpoints, stand in for them.
 * <li>#18, #25, #26: fake, deterministic data (a triangular price walk, a fixed trade history,
 *     an exchange that fills on arrival) in place of real feeds and brokers.
 * </ul>
 */
package io.jtractor.examples.seeds;
