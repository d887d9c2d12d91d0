package io.jtractor.examples.wordcount;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Reports how far a job has come while it runs.
 *
 * <p>Three styles: {@linkplain #bar a bar} redrawn in place with {@code \r}, at most ten times a
 * second, for a terminal; {@linkplain #lines plain lines}, one per tenth of the files and at
 * least one every two seconds while files arrive, for logs and pipes; and {@linkplain #none
 * nothing}. Every style that printed leaves its output ending with a newline after {@link
 * #close()}.
 *
 * <p>Thread-safe: all methods hold this object's lock. Never blocks beyond writing to its
 * writer.
 */
public final class Progress implements AutoCloseable {

    private static final long BAR_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long LINE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int BAR_WIDTH = 30;

    /** How a reporter shows progress. */
    enum Style { BAR, LINES, NONE }

    private final Style style;
    private final PrintWriter out;
    private final int totalFiles;
    private final LongSupplier nanoClock;
    private final long startNanos;

    // Guarded by this: written and read only by the synchronized methods.
    private long lastPrintNanos;
    private int lastTenth;
    private int lastBarLength;
    private long filesDone;
    private long bytesDone;
    private boolean closed;

    Progress(Style style, PrintWriter out, int totalFiles, LongSupplier nanoClock) {
        this.style = style;
        this.out = out;
        this.totalFiles = totalFiles;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.lastPrintNanos = startNanos;
    }

    /**
     * A bar for a terminal, redrawn in place.
     *
     * @param out where to draw, normally standard error
     * @param totalFiles how many files the job has, or -1 if unknown
     * @return a new reporter
     */
    public static Progress bar(PrintWriter out, int totalFiles) {
        return new Progress(Style.BAR, Objects.requireNonNull(out, "out"),
                totalFiles, System::nanoTime);
    }

    /**
     * Plain lines, for output that is not a terminal.
     *
     * @param out where to print, normally standard error
     * @param totalFiles how many files the job has, or -1 if unknown
     * @return a new reporter
     */
    public static Progress lines(PrintWriter out, int totalFiles) {
        return new Progress(Style.LINES, Objects.requireNonNull(out, "out"),
                totalFiles, System::nanoTime);
    }

    /** A reporter that prints nothing. */
    public static Progress none() {
        return new Progress(Style.NONE, null, -1, System::nanoTime);
    }

    /**
     * A {@linkplain #bar bar} when this process runs on an {@linkplain #isInteractive()
     * interactive terminal}, else {@linkplain #lines plain lines}.
     *
     * @param out where to report, normally standard error
     * @param totalFiles how many files the job has, or -1 if unknown
     * @return a new reporter
     */
    public static Progress forConsole(PrintWriter out, int totalFiles) {
        return isInteractive() ? bar(out, totalFiles) : lines(out, totalFiles);
    }

    /**
     * Whether this process talks to a terminal that can redraw a line: it has a console, the
     * console is a terminal (asked through {@code Console.isTerminal()} where the JDK has it,
     * since JDK 22 returns a console for redirected streams too), and {@code TERM} is not
     * {@code dumb}.
     */
    public static boolean isInteractive() {
        Console console = System.console();
        if (console == null || !isTerminal(console)) {
            return false;
        }
        return !"dumb".equals(System.getenv("TERM"));
    }

    /**
     * Records one finished file and reports if it is time to; does nothing once closed.
     *
     * @param bytes the file's size in bytes
     */
    public synchronized void fileDone(long bytes) {
        batchDone(1, bytes);
    }

    /**
     * Records {@code files} finished files of {@code bytes} bytes together, and reports if it
     * is time to; does nothing once closed.
     */
    public synchronized void batchDone(int files, long bytes) {
        if (closed) {
            return;
        }
        filesDone += files;
        bytesDone += bytes;
        long now = nanoClock.getAsLong();
        switch (style) {
            case BAR -> {
                if (now - lastPrintNanos >= BAR_INTERVAL_NANOS) {
                    drawBar(now);
                }
            }
            case LINES -> {
                if (tenthDone() > lastTenth || now - lastPrintNanos >= LINE_INTERVAL_NANOS) {
                    printLine(now);
                }
            }
            case NONE -> { }
        }
    }

    /** The number of files recorded so far. */
    public synchronized long filesDone() {
        return filesDone;
    }

    /**
     * Reports the final state, whether the job completed or failed, and ends the output with
     * a newline. Closing twice does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long now = nanoClock.getAsLong();
        switch (style) {
            case BAR -> {
                drawBar(now);
                out.print('\n');
                out.flush();
            }
            case LINES -> {
                out.printf(Locale.ROOT, "progress: ended after %d files, %.1f MB in %.2f s%n",
                        filesDone, bytesDone / 1e6, seconds(now));
                out.flush();
            }
            case NONE -> { }
        }
    }

    @Override
    public synchronized String toString() {
        return "Progress[style=" + style + ", files=" + filesDone + "/" + totalFiles
                + ", bytes=" + bytesDone + (closed ? ", closed" : "") + "]";
    }

    private void drawBar(long now) {
        var line = new StringBuilder("\r");
        if (totalFiles > 0) {
            int filled = (int) Math.min(BAR_WIDTH, filesDone * BAR_WIDTH / totalFiles);
            line.append('[')
                    .append("#".repeat(filled))
                    .append(".".repeat(BAR_WIDTH - filled))
                    .append("] ")
                    .append(String.format(Locale.ROOT, "%d/%d files %3d%%",
                            filesDone, totalFiles, filesDone * 100 / totalFiles));
        } else {
            line.append(filesDone).append(" files");
        }
        line.append(String.format(Locale.ROOT, "  %.1f MB/s", megabytesPerSecond(now)));

        // Blank out what is left of a longer previous line.
        int length = line.length();
        line.append(" ".repeat(Math.max(0, lastBarLength - length)));
        lastBarLength = length;
        out.print(line);
        out.flush();
        lastPrintNanos = now;
    }

    private void printLine(long now) {
        if (totalFiles > 0) {
            out.printf(Locale.ROOT, "progress: %d/%d files (%d%%), %.1f MB/s%n",
                    filesDone, totalFiles, filesDone * 100 / totalFiles, megabytesPerSecond(now));
        } else {
            out.printf(Locale.ROOT, "progress: %d files, %.1f MB/s%n",
                    filesDone, megabytesPerSecond(now));
        }
        out.flush();
        lastPrintNanos = now;
        lastTenth = tenthDone();
    }

    /** How many whole tenths of the files are done; 0 when the total is unknown. */
    private int tenthDone() {
        return totalFiles > 0 ? (int) Math.min(10, filesDone * 10 / totalFiles) : 0;
    }

    private double seconds(long now) {
        return (now - startNanos) / 1e9;
    }

    private double megabytesPerSecond(long now) {
        double seconds = seconds(now);
        return seconds > 0 ? bytesDone / 1e6 / seconds : 0;
    }

    private static boolean isTerminal(Console console) {
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            // Before JDK 22 a console exists only when the streams are a terminal.
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
