package dev.grat.event;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventValidatorTest {

    private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
    private final EventValidator validator = new EventValidator(Duration.ofMinutes(5));

    private Event.Builder valid() {
        return Event.builder().id("e1").type(EventType.PRODUCT_VIEW).visitorId("v1").channel(Channel.WEB)
                .timestamp(NOW.minusSeconds(1)).itemId("i1");
    }

    private List<String> fieldsOf(Event event) {
        return validator.validate(event, NOW).stream().map(FieldError::field).toList();
    }

    @Test
    void validProductView_hasNoErrors() {
        assertThat(validator.validate(valid().build(), NOW)).isEmpty();
    }

    @Test
    void missingId_visitorAndTimestamp_areEachNamed() {
        assertThat(fieldsOf(valid().id(null).visitorId(null).timestamp(null).build()))
                .contains("id", "visitorId", "timestamp");
    }

    @Test
    void productView_withoutItem_namesItemId() {
        assertThat(fieldsOf(valid().itemId(null).build())).containsExactly("itemId");
    }

    @Test
    void timestampInTheFuture_isRejectedButSmallSkewIsFine() {
        assertThat(fieldsOf(valid().timestamp(NOW.plusSeconds(3600)).build())).containsExactly("timestamp");
        assertThat(fieldsOf(valid().timestamp(NOW.plusSeconds(60)).build())).isEmpty();
    }

    @Test
    void purchase_needsLineItemsPricesAndCurrency() {
        Event noItems = valid().type(EventType.PURCHASE).itemId(null).build();
        assertThat(fieldsOf(noItems)).contains("items", "currency");
        Event badLine = valid().type(EventType.PURCHASE).currency("eur")
                .items(List.of(new LineItem("i1", 0, new BigDecimal("-1")), new LineItem("i2", 1, null))).build();
        assertThat(fieldsOf(badLine)).contains("currency", "items[0].quantity", "items[0].price", "items[1].price");
    }

    @Test
    void emailOpen_mustComeFromTheEmailChannel() {
        assertThat(fieldsOf(valid().type(EventType.EMAIL_OPEN).build())).containsExactly("channel");
        assertThat(fieldsOf(valid().type(EventType.EMAIL_OPEN).channel(Channel.EMAIL).build())).isEmpty();
    }

    @Test
    void emailAddressAsVisitorId_isRejectedWithAHint() {
        List<FieldError> errors = validator.validate(valid().visitorId("anna@example.com").build(), NOW);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("visitorId");
            assertThat(e.message()).contains("e-mail");
        });
    }

    @Test
    void search_needsAQuery_andCategoryViewACategory() {
        assertThat(fieldsOf(valid().type(EventType.SEARCH).itemId(null).build())).containsExactly("query");
        assertThat(fieldsOf(valid().type(EventType.CATEGORY_VIEW).itemId(null).build())).containsExactly("categoryId");
    }
}
