package dev.grat.store.sealed;

import dev.grat.consent.ConsentEntry;
import dev.grat.consent.Purpose;
import dev.grat.declared.Declaration;
import dev.grat.declared.DeclaredPreferences;
import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.event.LineItem;
import dev.grat.store.DeadLetter;
import dev.grat.store.IdentityLink;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The plaintext of encrypted records: a small binary format, field by field, so that the stored form is fixed here
 * and not by class shapes. Strings are UTF-8 with a length (-1 for null); times are epoch milliseconds; prices are
 * the decimal text of the {@link BigDecimal}, so their scale survives; enums are their wire names. Readers throw
 * {@link SealedRecordException} for bytes that do not decode.
 */
public final class RecordCodec {

    private RecordCodec() {
    }

    /** The plaintext of an event record. */
    public static byte[] event(Event event) {
        return write(out -> {
            out.string(event.id());
            out.string(event.type().wireName());
            out.string(event.visitorId());
            out.string(event.customerId());
            out.string(event.channel().wireName());
            out.data.writeLong(event.timestamp().toEpochMilli());
            out.string(event.itemId());
            out.string(event.categoryId());
            out.string(event.query());
            out.data.writeInt(event.items().size());
            for (LineItem item : event.items()) {
                out.string(item.itemId());
                out.data.writeInt(item.quantity());
                out.string(item.price() == null ? null : item.price().toString());
            }
            out.string(event.currency());
            out.string(event.decisionId());
            out.data.writeInt(event.properties().size());
            for (Map.Entry<String, String> property : event.properties().entrySet()) {
                out.string(property.getKey());
                out.string(property.getValue());
            }
        });
    }

    /** The event of a plaintext written by {@link #event(Event)}. */
    public static Event event(byte[] bytes) {
        return read(bytes, in -> {
            Event.Builder event = Event.builder()
                    .id(in.string())
                    .type(in.known("event type", EventType::fromWire))
                    .visitorId(in.string())
                    .customerId(in.string())
                    .channel(in.known("channel", Channel::fromWire))
                    .timestamp(Instant.ofEpochMilli(in.data.readLong()))
                    .itemId(in.string())
                    .categoryId(in.string())
                    .query(in.string());
            int itemCount = in.count();
            List<LineItem> items = new ArrayList<>(itemCount);
            for (int i = 0; i < itemCount; i++) {
                String itemId = in.string();
                int quantity = in.data.readInt();
                String price = in.string();
                items.add(new LineItem(itemId, quantity, price == null ? null : new BigDecimal(price)));
            }
            event.items(items).currency(in.string()).decisionId(in.string());
            int propertyCount = in.count();
            Map<String, String> properties = HashMap.newHashMap(propertyCount);
            for (int i = 0; i < propertyCount; i++) {
                properties.put(in.string(), in.string());
            }
            return event.properties(properties).build();
        });
    }

    /**
     * A consent entry with its ledger salt. The fields after the GPC flag came with the hash chain (schema
     * version 2); a version-1 record ends before them and reads with a null salt.
     */
    public static byte[] consent(ConsentEntry entry, String salt) {
        return write(out -> {
            out.string(entry.visitorId());
            out.data.writeInt(entry.granted().size());
            for (Purpose purpose : EnumSet.copyOf(entry.granted())) {
                out.string(purpose.wireName());
            }
            out.data.writeLong(entry.recordedAt().toEpochMilli());
            out.string(entry.source());
            out.string(entry.policyVersion());
            out.data.writeBoolean(entry.globalPrivacyControl());
            out.string(salt);
            out.string(entry.noticeHash());
            out.data.writeBoolean(entry.objected());
            out.data.writeBoolean(entry.restricted());
        });
    }

    /** The consent entry and salt of a plaintext written by {@link #consent(ConsentEntry, String)}. */
    public static SaltedConsent consent(byte[] bytes) {
        return read(bytes, in -> {
            String visitorId = in.string();
            int purposeCount = in.count();
            Set<Purpose> granted = EnumSet.noneOf(Purpose.class);
            for (int i = 0; i < purposeCount; i++) {
                granted.add(in.known("purpose", Purpose::fromWire));
            }
            Instant recordedAt = Instant.ofEpochMilli(in.data.readLong());
            String source = in.string();
            String policyVersion = in.string();
            boolean gpc = in.data.readBoolean();
            if (in.data.available() == 0) {
                return new SaltedConsent(new ConsentEntry(visitorId, granted, recordedAt, source, policyVersion, gpc),
                        null);
            }
            String salt = in.string();
            return new SaltedConsent(new ConsentEntry(visitorId, granted, recordedAt, source, policyVersion, gpc,
                    in.string(), in.data.readBoolean(), in.data.readBoolean()), salt);
        });
    }

    /** A decoded consent record: the entry and the salt of its ledger hash (null before schema version 2). */
    public record SaltedConsent(ConsentEntry entry, String salt) {
    }

    /** The plaintext of an identity link record. */
    public static byte[] link(IdentityLink link) {
        return write(out -> {
            out.string(link.customerId());
            out.string(link.visitorId());
            out.data.writeLong(link.linkedAt().toEpochMilli());
        });
    }

    /** The identity link of a plaintext written by {@link #link(IdentityLink)}. */
    public static IdentityLink link(byte[] bytes) {
        return read(bytes, in -> new IdentityLink(in.string(), in.string(), Instant.ofEpochMilli(in.data.readLong())));
    }

    /** The plaintext of a declared-preferences record. */
    public static byte[] declaration(Declaration declaration) {
        return write(out -> {
            out.string(declaration.visitorId());
            out.string(declaration.source());
            out.data.writeLong(declaration.declaredAt().toEpochMilli());
            DeclaredPreferences preferences = declaration.preferences();
            strings(out, preferences.likedCategories());
            strings(out, preferences.likedBrands());
            strings(out, preferences.dislikedCategories());
            out.data.writeInt(preferences.sizes().size());
            for (Map.Entry<String, String> size : preferences.sizes().entrySet()) {
                out.string(size.getKey());
                out.string(size.getValue());
            }
        });
    }

    /** The declaration of a plaintext written by {@link #declaration(Declaration)}. */
    public static Declaration declaration(byte[] bytes) {
        return read(bytes, in -> {
            String visitorId = in.string();
            String source = in.string();
            Instant declaredAt = Instant.ofEpochMilli(in.data.readLong());
            List<String> likedCategories = strings(in);
            List<String> likedBrands = strings(in);
            List<String> dislikedCategories = strings(in);
            int sizeCount = in.data.readInt();
            Map<String, String> sizes = new LinkedHashMap<>();
            for (int i = 0; i < sizeCount; i++) {
                sizes.put(in.string(), in.string());
            }
            return new Declaration(visitorId, new DeclaredPreferences(likedCategories, likedBrands,
                    dislikedCategories, sizes), declaredAt, source);
        });
    }

    /**
     * The plaintext of a dead letter's personal part: its visitor id (if it names one), reason and payload; the
     * other fields are columns. Written with {@link DataOutputStream#writeUTF} (the PostgreSQL store's format from
     * before this class), whose 64 KiB bound holds the 16 KiB a letter keeps of its payload.
     */
    public static byte[] deadLetter(DeadLetter letter) {
        return write(out -> {
            out.data.writeBoolean(letter.visitorId() != null);
            if (letter.visitorId() != null) {
                out.data.writeUTF(letter.visitorId());
            }
            out.data.writeUTF(letter.reason());
            out.data.writeUTF(letter.payload());
        });
    }

    /** The personal part of a dead letter from a plaintext written by {@link #deadLetter(DeadLetter)}. */
    public static DeadLetterText deadLetter(byte[] bytes) {
        return read(bytes, in -> new DeadLetterText(in.data.readBoolean() ? in.data.readUTF() : null,
                in.data.readUTF(), in.data.readUTF()));
    }

    /** What a dead letter keeps sealed. */
    public record DeadLetterText(String visitorId, String reason, String payload) {
    }

    private static void strings(Output out, List<String> values) throws IOException {
        out.data.writeInt(values.size());
        for (String value : values) {
            out.string(value);
        }
    }

    private static List<String> strings(Input in) throws IOException {
        int count = in.data.readInt();
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(in.string());
        }
        return values;
    }

    private interface Writing {
        void to(Output out) throws IOException;
    }

    private interface Reading<T> {
        T from(Input in) throws IOException;
    }

    private static byte[] write(Writing writing) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try {
            writing.to(new Output(new DataOutputStream(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, Reading<T> reading) {
        try {
            return reading.from(new Input(new DataInputStream(new ByteArrayInputStream(bytes))));
        } catch (IOException | RuntimeException e) {
            throw new SealedRecordException("a stored record could not be read: " + e.getMessage(), e);
        }
    }

    private record Output(DataOutputStream data) {
        void string(String value) throws IOException {
            if (value == null) {
                data.writeInt(-1);
                return;
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            data.writeInt(utf8.length);
            data.write(utf8);
        }
    }

    private record Input(DataInputStream data) {
        String string() throws IOException {
            int length = data.readInt();
            if (length < -1) {
                throw new IOException("negative string length " + length);
            }
            return length == -1 ? null : new String(data.readNBytes(length), StandardCharsets.UTF_8);
        }

        int count() throws IOException {
            int count = data.readInt();
            if (count < 0 || count > data.available()) {
                throw new IOException("impossible element count " + count);
            }
            return count;
        }

        <E> E known(String what, Function<String, Optional<E>> fromWire) throws IOException {
            String wire = string();
            return fromWire.apply(wire).orElseThrow(() -> new IOException("unknown " + what + " \"" + wire + "\""));
        }
    }
}
