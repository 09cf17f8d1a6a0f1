/*
 * The demo shop's own script: renders its pages from the shop's product API, keeps the cart, and tells Grat what
 * the visitor does through the snippet's API (grat.track). Grat's widgets (data-grat-*) render themselves.
 * The cart lives in sessionStorage: the shop needs it to work, and it holds no identifier.
 */
(function (window, document) {
  'use strict';
  var grat = window.grat;
  var params = new URLSearchParams(window.location.search);
  var CART = 'shop.cart';

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    (children || []).forEach(function (child) { if (child !== null) node.append(child); });
    return node;
  }

  function getJson(url) {
    return fetch(url).then(function (response) { return response.json(); });
  }

  function products(query) {
    return getJson('/api/products?' + query).then(function (answer) { return answer.products; });
  }

  function money(value) {
    return new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' }).format(value);
  }

  function tile(product) {
    return el('span', { 'class': 'grat-tile', 'data-category': product.category.split('/')[0] }, [product.title.split(' ').pop()]);
  }

  function card(product) {
    return el('li', { 'class': 'card' }, [el('a', { href: product.url }, [
      tile(product), el('span', {}, [product.title]), el('strong', {}, [money(product.price)]),
      product.available ? null : el('span', { 'class': 'sold-out' }, ['Sold out'])
    ])]);
  }

  /** A Grat recommendation row: the element says what to show, grat.render fills it. */
  function gratRow(node, slot, attributes) {
    node.dataset.gratSlot = slot;
    Object.keys(attributes).forEach(function (name) { node.dataset[name] = attributes[name]; });
    return grat.render(node);
  }

  // ---- the cart ----------------------------------------------------------------------------------------------

  function cart() {
    try { return JSON.parse(window.sessionStorage.getItem(CART)) || []; } catch (e) { return []; }
  }

  function saveCart(lines) {
    if (lines.length) window.sessionStorage.setItem(CART, JSON.stringify(lines));
    else window.sessionStorage.removeItem(CART);
    showCount();
  }

  function showCount() {
    var count = cart().reduce(function (sum, line) { return sum + line.quantity; }, 0);
    document.querySelectorAll('[data-cart-count]').forEach(function (node) { node.textContent = String(count); });
  }

  function addToCart(product) {
    var lines = cart();
    var line = lines.find(function (l) { return l.id === product.id; });
    if (line) line.quantity += 1;
    else lines.push({ id: product.id, quantity: 1, price: product.price });
    saveCart(lines);
    grat.track('add_to_cart', { itemId: product.id, items: [{ itemId: product.id, quantity: 1, price: product.price }] });
  }

  function linesWithProducts() {
    var lines = cart();
    if (!lines.length) return Promise.resolve([]);
    return products('ids=' + lines.map(function (l) { return encodeURIComponent(l.id); }).join(',')).then(function (found) {
      return lines.map(function (line) {
        return { line: line, product: found.find(function (p) { return p.id === line.id; }) };
      }).filter(function (entry) { return entry.product; });
    });
  }

  // ---- pages -------------------------------------------------------------------------------------------------

  var pages = {
    home: function () {
      grat.track('page_view', { properties: { page: 'home' } });
      getJson('/api/departments').then(function (answer) {
        var tiles = document.getElementById('departments');
        tiles.replaceChildren.apply(tiles, answer.departments.map(function (department) {
          return el('a', { href: '/category?c=' + encodeURIComponent(department.name) }, [
            el('strong', {}, [department.name]),
            el('span', {}, [department.categories.map(function (c) { return c.split('/').pop(); }).join(' · ')])
          ]);
        }));
      });
    },

    category: function () {
      var category = params.get('c') || '';
      var department = category.split('/')[0];
      document.title = category + ' · Grat Outfitters';
      document.getElementById('category-title').textContent = category.split('/').join(' › ');
      grat.track('category_view', { categoryId: category });
      getJson('/api/departments').then(function (answer) {
        var entry = answer.departments.find(function (d) { return d.name === department; });
        if (!entry) return;
        var chips = document.getElementById('subcategories');
        chips.replaceChildren.apply(chips, [department].concat(entry.categories).map(function (path) {
          return el('a', { href: '/category?c=' + encodeURIComponent(path), 'class': path === category ? 'active' : '' },
            [path === department ? 'All ' + department : path.split('/').pop()]);
        }));
      });
      gratRow(document.getElementById('category-picks'), 'category',
        { gratCategory: category, gratCount: '4', gratTitle: 'Top picks in ' + category.split('/').pop() });
      products('category=' + encodeURIComponent(category)).then(function (found) {
        var list = document.getElementById('products');
        list.replaceChildren.apply(list, found.map(card));
      });
    },

    product: function () {
      var id = params.get('id');
      products('ids=' + encodeURIComponent(id)).then(function (found) {
        var product = found[0];
        var box = document.getElementById('product');
        if (!product) {
          box.replaceChildren(el('p', {}, ['This product does not exist.']));
          return;
        }
        document.title = product.title + ' · Grat Outfitters';
        grat.track('product_view', { itemId: product.id });
        var add = el('button', { type: 'button', 'class': 'button', id: 'add-to-cart' }, ['Add to cart']);
        var added = el('span', { 'class': 'added', role: 'status' }, []);
        add.disabled = !product.available;
        add.onclick = function () { addToCart(product); added.textContent = 'Added to your cart.'; };
        var facts = el('dl', {}, []);
        Object.keys(product.attributes).filter(function (name) { return name !== 'onSale'; }).forEach(function (name) {
          facts.append(el('dt', {}, [name.charAt(0).toUpperCase() + name.slice(1)]), el('dd', {}, [product.attributes[name]]));
        });
        facts.append(el('dt', {}, ['Category']), el('dd', {}, [el('a', { href: '/category?c=' + encodeURIComponent(product.category) }, [product.category])]));
        box.replaceChildren(tile(product), el('div', {}, [
          el('h1', {}, [product.title]), el('p', { 'class': 'brand' }, ['by ' + product.brand]),
          el('p', { 'class': 'price' }, [money(product.price)]),
          el('p', { 'class': 'description', 'data-grat-content': 'product-description' }, []),
          facts, add, added, product.available ? null : el('p', { 'class': 'sold-out' }, ['Sold out'])
        ]));
        grat.render(box);
        gratRow(document.getElementById('viewed-together'), 'product',
          { gratItem: product.id, gratCount: '4', gratTitle: 'Viewed together' });
      });
    },

    cart: function () {
      grat.track('page_view', { properties: { page: 'cart' } });
      linesWithProducts().then(function (entries) {
        var box = document.getElementById('cart');
        if (!entries.length) {
          box.replaceChildren(el('p', {}, ['Your cart is empty. ', el('a', { href: '/' }, ['Find something you like.'])]));
          return;
        }
        var total = 0;
        var rows = entries.map(function (entry) {
          total += entry.line.quantity * entry.product.price;
          var remove = el('button', { type: 'button' }, ['Remove']);
          remove.onclick = function () {
            saveCart(cart().filter(function (line) { return line.id !== entry.line.id; }));
            grat.track('remove_from_cart', { itemId: entry.line.id });
            pages.cart();
          };
          return el('tr', {}, [el('td', {}, [el('a', { href: entry.product.url }, [entry.product.title])]),
            el('td', { 'class': 'num' }, [String(entry.line.quantity)]),
            el('td', { 'class': 'num' }, [money(entry.line.quantity * entry.product.price)]), el('td', {}, [remove])]);
        });
        box.replaceChildren(el('table', { 'class': 'cart-lines' }, [el('tbody', {}, rows)]),
          el('p', { 'class': 'total' }, ['Total ' + money(total)]),
          el('a', { 'class': 'button', href: '/checkout', id: 'to-checkout' }, ['Checkout']));
        gratRow(document.getElementById('cart-picks'), 'cart',
          { gratItem: entries[0].line.id, gratCount: '4', gratTitle: 'Goes well with your cart' });
      });
    },

    checkout: function () {
      linesWithProducts().then(function (entries) {
        var box = document.getElementById('checkout');
        if (!entries.length) {
          box.replaceChildren(el('p', {}, ['Your cart is empty.']));
          return;
        }
        var total = entries.reduce(function (sum, e) { return sum + e.line.quantity * e.product.price; }, 0);
        var form = el('form', { id: 'checkout-form' }, [
          el('label', {}, ['Name', el('input', { name: 'name', autocomplete: 'name', required: '' }, [])]),
          el('label', {}, ['Address', el('input', { name: 'address', autocomplete: 'street-address', required: '' }, [])]),
          el('p', { 'class': 'note' }, ['Your name and address stay with the shop: Grat never receives them.']),
          el('button', { type: 'submit', 'class': 'button', id: 'place-order' }, ['Place order · ' + money(total)])
        ]);
        form.onsubmit = function (submit) {
          submit.preventDefault();
          grat.track('purchase', {
            currency: 'EUR',
            items: entries.map(function (e) { return { itemId: e.line.id, quantity: e.line.quantity, price: e.product.price }; })
          });
          grat.flush();
          saveCart([]);
          box.replaceChildren(el('div', { 'class': 'confirmation', id: 'order-confirmation' }, [
            el('h2', {}, ['Thank you for your order!']),
            el('p', {}, [entries.length + ' products, ' + money(total) + '. ', el('a', { href: '/' }, ['Continue shopping'])])
          ]));
        };
        box.replaceChildren(el('div', { 'class': 'checkout' }, [form, el('div', {}, entries.map(function (e) {
          return el('p', {}, [e.line.quantity + ' × ' + e.product.title + ' · ' + money(e.line.quantity * e.product.price)]);
        }))]));
      });
    },

    privacy: function () { }
  };

  showCount();
  (pages[document.body.dataset.page] || function () { })();
})(window, document);
