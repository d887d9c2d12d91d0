/**
 * The word-count demo: a worker-pool job that counts lines, words and Java identifiers over
 * real source files.
 *
 * <p>The pieces are plain functions and accumulators so that the same pipeline runs in one
 * process ({@link io.jtractor.examples.wordcount.LocalJob}) or across worker actors
 * ({@link io.jtractor.examples.wordcount.ActorJob}):
 * {@link io.jtractor.examples.wordcount.Inputs} reads {@link
 * io.jtractor.examples.wordcount.SourceFile}s lazily, {@link
 * io.jtractor.examples.wordcount.Analyzer} turns each into {@link
 * io.jtractor.examples.wordcount.FileStats}, {@link io.jtractor.examples.wordcount.Totals}
 * merges them, {@link io.jtractor.examples.wordcount.Progress} reports along the way and
 * {@link io.jtractor.examples.wordcount.Report} prints the summary.
 */
package io.jtractor.examples.wordcount;
