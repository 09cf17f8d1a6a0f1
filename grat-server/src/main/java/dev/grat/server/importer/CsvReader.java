package dev.grat.server.importer;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV records (RFC 4180): fields separated by commas, a field in double quotes may hold commas,
 * line breaks and doubled quotes ({@code ""}). Lines may end in LF or CRLF. Tracks the line each record
 * starts on so that errors can name it.
 */
final class CsvReader {

    private static final int END = -1;

    private final Reader reader;
    private int line = 1;
    private int recordLine;
    private int pushedBack = Integer.MIN_VALUE;

    CsvReader(Reader reader) {
        this.reader = reader;
    }

    /** The line (1-based) the record last returned by {@link #next()} started on. */
    int recordLine() {
        return recordLine;
    }

    /**
     * The next record's fields, or null at the end of the input. A blank line is a record with one empty field.
     *
     * @throws CsvFormatException when a quoted field is not closed or text follows a closing quote
     */
    List<String> next() throws IOException {
        int startLine = line;
        int c = read();
        if (c == END) {
            return null;
        }
        recordLine = startLine;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (true) {
            if (c == '"' && field.isEmpty()) {
                c = readQuoted(field);
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == END) {
                fields.add(field.toString());
                return fields;
            } else if (c == '\r') {
                int after = read();
                if (after != '\n') {
                    unread(after);
                }
                fields.add(field.toString());
                return fields;
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    /** Reads a quoted field's content into {@code field}; returns the character after the closing quote. */
    private int readQuoted(StringBuilder field) throws IOException {
        int startLine = line;
        while (true) {
            int c = read();
            if (c == END) {
                throw new CsvFormatException(startLine, "a quoted field is not closed before the end of the file");
            }
            if (c == '"') {
                int after = read();
                if (after != '"') {
                    if (after != ',' && after != '\n' && after != '\r' && after != END) {
                        throw new CsvFormatException(line, "unexpected character '" + (char) after
                                + "' after a closing quote; write a quote inside a quoted field as \"\"");
                    }
                    return after;
                }
            }
            field.append((char) c);
        }
    }

    private int read() throws IOException {
        int c;
        if (pushedBack != Integer.MIN_VALUE) {
            c = pushedBack;
            pushedBack = Integer.MIN_VALUE;
        } else {
            c = reader.read();
        }
        if (c == '\n') {
            line++;
        }
        return c;
    }

    private void unread(int c) {
        if (c == '\n') {
            line--;
        }
        pushedBack = c;
    }

    /** A CSV syntax error at a line. */
    static final class CsvFormatException extends IOException {
        private final int line;

        CsvFormatException(int line, String message) {
            super(message);
            this.line = line;
        }

        int line() {
            return line;
        }
    }
}
